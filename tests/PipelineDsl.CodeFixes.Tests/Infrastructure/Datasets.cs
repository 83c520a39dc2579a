namespace PipelineDsl.CodeFixes.Tests.Infrastructure;

/// <summary>The datasets the fix tests compile against: one untimed, one time-stamped (DateTime), one with a DateTimeOffset timestamp, one keyed only.</summary>
internal static class Datasets
{
    public static readonly (string Path, string Source) File = ("Datasets.cs", """
        namespace Shop;

        [Dataset("customers")]
        public sealed partial record Customer
        {
            public string Plan { get; init; } = "";
            public string State { get; init; } = "";
            public string ChargeText { get; init; } = "";
            public string CountText { get; init; } = "";
            public string SignupText { get; init; } = "";
            public float Minutes { get; init; }
            public DateTime SignupDate { get; init; }
            public char Grade { get; init; }
            [Label] public bool Churn { get; init; }
        }

        [Dataset("orders", Timestamp = nameof(OrderedAt))]
        public sealed partial record Order
        {
            [Key] public string CustomerId { get; init; } = "";
            public DateTime OrderedAt { get; init; }
            public DateTime FirstOrderAt { get; init; }
            [Label] public float Amount { get; init; }
        }

        [Dataset("events", Timestamp = nameof(At))]
        public sealed partial record Event
        {
            public DateTimeOffset At { get; init; }
            public DateTimeOffset CreatedAt { get; init; }
            [Label] public float Value { get; init; }
        }

        [Dataset("accounts")]
        public sealed partial record Account
        {
            [Key] public string AccountId { get; init; } = "";
            public DateTime OpenedAt { get; init; }
            [Label] public bool Closed { get; init; }
        }
        """);
}
