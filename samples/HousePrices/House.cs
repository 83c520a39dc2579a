using PipelineDsl;

namespace HousePrices;

/// <summary>
/// One house sale in Ames, Iowa (2006-2010). Only the members declared here are read; the file's other
/// columns are ignored.
/// </summary>
[Dataset("ames", Source = "data/ames.csv")]
public sealed partial record House
{
    [Categories("Bloomington_Heights", "Blueste", "Briardale", "Brookside", "Clear_Creek", "College_Creek", "Crawford",
        "Edwards", "Gilbert", "Green_Hills", "Greens", "Iowa_DOT_and_Rail_Road", "Landmark", "Meadow_Village", "Mitchell",
        "North_Ames", "Northpark_Villa", "Northridge", "Northridge_Heights", "Northwest_Ames", "Old_Town", "Sawyer",
        "Sawyer_West", "Somerset", "South_and_West_of_Iowa_State_University", "Stone_Brook", "Timberland", "Veenker")]
    public string Neighborhood { get; init; } = "";

    [Categories("Very_Poor", "Poor", "Fair", "Below_Average", "Average", "Above_Average", "Good", "Very_Good", "Excellent")]
    public string OverallCond { get; init; } = "";

    [Categories("Y", "N")] public string CentralAir { get; init; } = "";

    [Range(0, 1000)] public float LotFrontage { get; init; }
    [Range(0, 500_000)] public float LotArea { get; init; }
    [Range(1800, 2011)] public int YearBuilt { get; init; }
    [Range(1800, 2011)] public int YearRemodAdd { get; init; }
    [Range(0, 5000)] public float MasVnrArea { get; init; }
    [Range(0, 10_000)] public float TotalBsmtSF { get; init; }
    [Range(0, 10_000)] public float FirstFlrSF { get; init; }
    [Range(0, 10_000)] public float SecondFlrSF { get; init; }
    [Range(0, 10_000)] public float GrLivArea { get; init; }
    [Range(0, 10)] public int FullBath { get; init; }
    [Range(0, 10)] public int HalfBath { get; init; }
    [Range(0, 20)] public int BedroomAbvGr { get; init; }
    [Range(0, 30)] public int TotRmsAbvGrd { get; init; }
    [Range(0, 10)] public int Fireplaces { get; init; }
    [Range(0, 10)] public int GarageCars { get; init; }
    [Range(0, 5000)] public float GarageArea { get; init; }
    [Range(0, 5000)] public float WoodDeckSF { get; init; }
    [Range(0, 5000)] public float OpenPorchSF { get; init; }
    [Range(1, 12)] public int MoSold { get; init; }
    [Range(2006, 2010)] public int YearSold { get; init; }
    [Range(-94, -93)] public double Longitude { get; init; }
    [Range(41, 43)] public double Latitude { get; init; }

    /// <summary>Sale price in US dollars.</summary>
    [Label, Range(0, 10_000_000)] public float SalePrice { get; init; }
}
