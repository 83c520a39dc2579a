using PipelineDsl;

namespace MlPipeline1;

#if (binary)
/// <summary>
/// One row of data/dataset.csv: a telecom customer account (mlc_churn, R modeldata, MIT). A CSV header such as
/// <c>total_day_minutes</c> matches the member <c>TotalDayMinutes</c> by name (or say <c>[Column("header")]</c>);
/// columns no member declares are ignored. For another CSV, declare its columns here and mark the target <c>[Label]</c>.
/// </summary>
[Dataset("churn", Source = "data/dataset.csv")]
public sealed partial record Customer
{
    [Categories("AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN", "KS", "KY",
        "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK",
        "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY")]
    public string State { get; init; } = "";

    [Range(0, 1000)] public int AccountLength { get; init; }

    [Categories("area_code_408", "area_code_415", "area_code_510")]
    public string AreaCode { get; init; } = "";

    [Categories("yes", "no")] public string InternationalPlan { get; init; } = "";
    [Categories("yes", "no")] public string VoiceMailPlan { get; init; } = "";
    [Range(0, 100)] public int NumberVmailMessages { get; init; }

    [Range(0, 400)] public float TotalDayMinutes { get; init; }
    [Range(0, 200)] public int TotalDayCalls { get; init; }
    [Range(0, 100)] public float TotalDayCharge { get; init; }

    [Range(0, 400)] public float TotalEveMinutes { get; init; }
    [Range(0, 200)] public int TotalEveCalls { get; init; }
    [Range(0, 100)] public float TotalEveCharge { get; init; }

    [Range(0, 400)] public float TotalNightMinutes { get; init; }
    [Range(0, 200)] public int TotalNightCalls { get; init; }
    [Range(0, 100)] public float TotalNightCharge { get; init; }

    [Range(0, 60)] public float TotalIntlMinutes { get; init; }
    [Range(0, 50)] public int TotalIntlCalls { get; init; }
    [Range(0, 20)] public float TotalIntlCharge { get; init; }

    [Range(0, 20)] public int NumberCustomerServiceCalls { get; init; }

    /// <summary>Did the customer leave? ("yes"/"no" in the file.)</summary>
    [Label] public bool Churn { get; init; }
}
#else
/// <summary>
/// One row of data/dataset.csv: a house sale in Ames, Iowa, 2006-2010 (R modeldata, MIT). A CSV header such as
/// <c>Gr_Liv_Area</c> matches the member <c>GrLivArea</c> by name (or say <c>[Column("header")]</c>); columns no
/// member declares are ignored. For another CSV, declare its columns here and mark the target <c>[Label]</c>.
/// </summary>
[Dataset("ames", Source = "data/dataset.csv")]
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
#endif
