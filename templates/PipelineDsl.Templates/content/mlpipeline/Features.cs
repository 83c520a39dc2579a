using PipelineDsl;

namespace MlPipeline1;

#if (binary)
/// <summary>
/// Features over one <see cref="Customer"/>. The generator turns these methods into ONE feature path (a row function
/// and a columnar batch function) that training and prediction both call. A feature may not read the label: the
/// analyzers report that as PDSL001 (an error here, since the project treats warnings as errors).
/// </summary>
[FeatureSet(typeof(Customer))]
public static partial class ChurnFeatures
{
    [Feature] public static bool HasInternationalPlan(Customer c) => c.InternationalPlan == "yes";
    [Feature] public static bool HasVoiceMailPlan(Customer c) => c.VoiceMailPlan == "yes";
    [Feature] public static int VoiceMailMessages(Customer c) => c.NumberVmailMessages;
    [Feature] public static int AccountLength(Customer c) => c.AccountLength;
    [Feature] public static float DayMinutes(Customer c) => c.TotalDayMinutes;
    [Feature] public static int DayCalls(Customer c) => c.TotalDayCalls;
    [Feature] public static float EveMinutes(Customer c) => c.TotalEveMinutes;
    [Feature] public static float NightMinutes(Customer c) => c.TotalNightMinutes;
    [Feature] public static float IntlMinutes(Customer c) => c.TotalIntlMinutes;
    [Feature] public static int IntlCalls(Customer c) => c.TotalIntlCalls;
    [Feature] public static int ServiceCalls(Customer c) => c.NumberCustomerServiceCalls;

    /// <summary>The monthly bill: the strongest single churn signal in this data.</summary>
    [Feature]
    public static double TotalCharge(Customer c) =>
        (double)c.TotalDayCharge + c.TotalEveCharge + c.TotalNightCharge + c.TotalIntlCharge;
}
#else
/// <summary>
/// Features over one <see cref="House"/>. The generator turns these methods into ONE feature path (a row function
/// and a columnar batch function) that training and prediction both call. A feature may not read the label: the
/// analyzers report that as PDSL001 (an error here, since the project treats warnings as errors).
/// </summary>
[FeatureSet(typeof(House))]
public static partial class HouseFeatures
{
    [Feature] public static float LivingArea(House h) => h.GrLivArea;
    [Feature] public static float BasementArea(House h) => h.TotalBsmtSF;
    [Feature] public static float TotalArea(House h) => h.GrLivArea + h.TotalBsmtSF;
    [Feature] public static float LotArea(House h) => h.LotArea;
    [Feature] public static int YearBuilt(House h) => h.YearBuilt;
    [Feature] public static int YearsSinceRemodel(House h) => h.YearSold - h.YearRemodAdd;
    [Feature] public static int Bathrooms(House h) => h.FullBath * 2 + h.HalfBath;
    [Feature] public static int Rooms(House h) => h.TotRmsAbvGrd;
    [Feature] public static int Fireplaces(House h) => h.Fireplaces;
    [Feature] public static int GarageCars(House h) => h.GarageCars;
    [Feature] public static float GarageArea(House h) => h.GarageArea;
    [Feature] public static bool HasCentralAir(House h) => h.CentralAir == "Y";
    [Feature] public static double Longitude(House h) => h.Longitude;
    [Feature] public static double Latitude(House h) => h.Latitude;
}
#endif
