namespace PipelineDsl.Analyzers.Tests.Infrastructure;

/// <summary>Datasets shared by the rule tests and the corpus: churn (untimed), housing (untimed), ridership (timed, keyed).</summary>
internal static class TestDatasets
{
    public const string Path = "Datasets.cs";

    public const string Source = """
        namespace Corpus;

        [Dataset("churn")]
        public sealed partial record Customer
        {
            public string CustomerId { get; init; } = "";
            public string State { get; init; } = "";
            public string Plan { get; init; } = "";
            public int AccountLength { get; init; }
            public float DayMinutes { get; init; }
            public float DayCharge { get; init; }
            public int ServiceCalls { get; init; }
            public string MonthlyChargeText { get; init; } = "";
            public float? MonthlySpend { get; init; }
            public int? Tenure { get; init; }
            public DateTime SignupDate { get; init; }
            [NotAvailableAtPrediction] public float RefundAmount { get; init; }
            [NotAvailableAtPrediction] public string CancellationReason { get; init; } = "";
            [Label] public bool Churn { get; init; }
        }

        [Dataset("ames")]
        public sealed partial record House
        {
            public float GrLivArea { get; init; }
            public float LotArea { get; init; }
            public float? LotFrontage { get; init; }
            public int YearBuilt { get; init; }
            public int YearSold { get; init; }
            public string Neighborhood { get; init; } = "";
            public string SaleDate { get; init; } = "";
            [NotAvailableAtPrediction] public float AppraisedValue { get; init; }
            [Label] public float SalePrice { get; init; }
        }

        [Dataset("rides", Timestamp = nameof(Date))]
        public sealed partial record StationDay
        {
            [Key] public string Station { get; init; } = "";
            public DateTime Date { get; init; }
            public float? Temperature { get; init; }
            [Label] public float Riders { get; init; }
        }

        [Dataset("network", Timestamp = nameof(Date))]
        public sealed partial record NetworkDay
        {
            public DateTime Date { get; init; }
            [Label] public float Total { get; init; }
        }

        [Dataset("listings")]
        public sealed partial record Listing
        {
            [Key] public string ListingId { get; init; } = "";
            public float Rooms { get; init; }
            [Label] public float Price { get; init; }
        }
        """;
}
