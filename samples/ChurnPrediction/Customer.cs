using PipelineDsl;

namespace ChurnPrediction;

/// <summary>One telecom customer account (mlc_churn). Headers like <c>total_day_minutes</c> match members by name.</summary>
[Dataset("churn", Source = "data/churn.csv")]
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
