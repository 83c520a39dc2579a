using PipelineDsl;

namespace ChurnPrediction;

/// <summary>
/// Features over one <see cref="Customer"/>. The generator turns these methods into ONE feature path (a row
/// function and a columnar batch function) that training and prediction both call.
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
    [Feature] public static int EveCalls(Customer c) => c.TotalEveCalls;
    [Feature] public static float NightMinutes(Customer c) => c.TotalNightMinutes;
    [Feature] public static int NightCalls(Customer c) => c.TotalNightCalls;
    [Feature] public static float IntlMinutes(Customer c) => c.TotalIntlMinutes;
    [Feature] public static int IntlCalls(Customer c) => c.TotalIntlCalls;
    [Feature] public static int ServiceCalls(Customer c) => c.NumberCustomerServiceCalls;

    /// <summary>The monthly bill: the strongest single churn signal in this data.</summary>
    [Feature]
    public static double TotalCharge(Customer c) =>
        (double)c.TotalDayCharge + c.TotalEveCharge + c.TotalNightCharge + c.TotalIntlCharge;

    /// <summary>Many service calls from an expensive account.</summary>
    [Feature] public static double ChargePerServiceCall(Customer c) => TotalCharge(c) / (1 + c.NumberCustomerServiceCalls);
}
