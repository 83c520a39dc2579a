using PipelineDsl;

namespace HousePrices;

/// <summary>Features over one <see cref="House"/>.</summary>
[FeatureSet(typeof(House))]
public static partial class HouseFeatures
{
    [Feature] public static float LivingArea(House h) => h.GrLivArea;
    [Feature] public static float BasementArea(House h) => h.TotalBsmtSF;
    [Feature] public static float TotalArea(House h) => h.GrLivArea + h.TotalBsmtSF;
    [Feature] public static float LotArea(House h) => h.LotArea;
    [Feature] public static float LotFrontage(House h) => h.LotFrontage;
    [Feature] public static int YearBuilt(House h) => h.YearBuilt;
    [Feature] public static int YearsSinceRemodel(House h) => h.YearSold - h.YearRemodAdd;
    [Feature] public static float MasonryVeneerArea(House h) => h.MasVnrArea;
    [Feature] public static int Bathrooms(House h) => h.FullBath * 2 + h.HalfBath;
    [Feature] public static int Bedrooms(House h) => h.BedroomAbvGr;
    [Feature] public static int Rooms(House h) => h.TotRmsAbvGrd;
    [Feature] public static int Fireplaces(House h) => h.Fireplaces;
    [Feature] public static int GarageCars(House h) => h.GarageCars;
    [Feature] public static float GarageArea(House h) => h.GarageArea;
    [Feature] public static float OutdoorArea(House h) => h.WoodDeckSF + h.OpenPorchSF;
    [Feature] public static bool HasCentralAir(House h) => h.CentralAir == "Y";

    /// <summary>The overall condition as an ordinal, 1 (very poor) to 9 (excellent).</summary>
    [Feature]
    public static int Condition(House h) => h.OverallCond switch
    {
        "Very_Poor" => 1,
        "Poor" => 2,
        "Fair" => 3,
        "Below_Average" => 4,
        "Average" => 5,
        "Above_Average" => 6,
        "Good" => 7,
        "Very_Good" => 8,
        "Excellent" => 9,
        _ => 0,
    };

    [Feature] public static double Longitude(House h) => h.Longitude;
    [Feature] public static double Latitude(House h) => h.Latitude;
}
