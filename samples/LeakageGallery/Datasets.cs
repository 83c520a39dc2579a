using PipelineDsl;

namespace LeakageGallery;

/// <summary>A telecom customer account, observed monthly.</summary>
[Dataset("accounts", Timestamp = nameof(Month))]
public sealed partial record Account
{
    [Key] public string Phone { get; init; } = "";
    public DateTime Month { get; init; }
    public string State { get; init; } = "";
    public string PlanName { get; init; } = "";
    public string MonthlyChargeText { get; init; } = "";
    public float DayMinutes { get; init; }
    public int ServiceCalls { get; init; }
    public float? DataUsageGb { get; init; }
    [NotAvailableAtPrediction] public float RefundAmount { get; init; }
    [NotAvailableAtPrediction] public float FinalBill { get; init; }
    [Label] public bool Churned { get; init; }
}

/// <summary>A house sale (Ames).</summary>
[Dataset("sales")]
public sealed partial record Sale
{
    public float GrLivArea { get; init; }
    public int YearBuilt { get; init; }
    public string Neighborhood { get; init; } = "";
    [Label] public float SalePrice { get; init; }
}
