using PipelineDsl.Analyzers;
using PipelineDsl.CodeFixes.Tests.Infrastructure;

namespace PipelineDsl.CodeFixes.Tests;

public sealed class ClockCodeFixTests
{
    private static readonly ClockCodeFixProvider Provider = new();

    [Fact]
    public Task DateTime_Now_becomes_the_rows_timestamp() =>
        CodeFixTestHelper.VerifyFixAsync(
            Provider,
            DiagnosticIds.NonDeterministic,
            """
            namespace Shop;

            [FeatureSet(typeof(Order))]
            public static partial class OrderFeatures
            {
                [Feature] public static float DaysSinceFirstOrder(Order order) => (float)({|PDSL101:DateTime.Now|} - order.FirstOrderAt).TotalDays;
            }
            """,
            """
            namespace Shop;

            [FeatureSet(typeof(Order))]
            public static partial class OrderFeatures
            {
                [Feature] public static float DaysSinceFirstOrder(Order order) => (float)(order.OrderedAt - order.FirstOrderAt).TotalDays;
            }
            """,
            Datasets.File);

    [Fact]
    public Task DateTime_Today_becomes_the_date_of_the_rows_timestamp() =>
        CodeFixTestHelper.VerifyFixAsync(
            Provider,
            DiagnosticIds.NonDeterministic,
            """
            namespace Shop;

            [FeatureSet(typeof(Order))]
            public static partial class OrderFeatures
            {
                [Feature] public static float DaysSinceFirstOrder(Order o)
                {
                    var today = {|PDSL101:DateTime.Today|};
                    return (float)(today - o.FirstOrderAt.Date).TotalDays;
                }
            }
            """,
            """
            namespace Shop;

            [FeatureSet(typeof(Order))]
            public static partial class OrderFeatures
            {
                [Feature] public static float DaysSinceFirstOrder(Order o)
                {
                    var today = o.OrderedAt.Date;
                    return (float)(today - o.FirstOrderAt.Date).TotalDays;
                }
            }
            """,
            Datasets.File);

    [Fact]
    public Task DateTimeOffset_UtcNow_becomes_a_DateTimeOffset_timestamp() =>
        CodeFixTestHelper.VerifyFixAsync(
            Provider,
            DiagnosticIds.NonDeterministic,
            """
            namespace Shop;

            [FeatureSet(typeof(Event))]
            public static partial class EventFeatures
            {
                [Feature] public static float AgeHours(Event e) => (float)({|PDSL101:DateTimeOffset.UtcNow|} - e.CreatedAt).TotalHours;
            }
            """,
            """
            namespace Shop;

            [FeatureSet(typeof(Event))]
            public static partial class EventFeatures
            {
                [Feature] public static float AgeHours(Event e) => (float)(e.At - e.CreatedAt).TotalHours;
            }
            """,
            Datasets.File);

    [Fact]
    public Task No_fix_is_offered_when_the_clock_is_read_in_a_helper() =>
        CodeFixTestHelper.VerifyNoFixAsync(
            Provider,
            DiagnosticIds.NonDeterministic,
            """
            namespace Shop;

            [FeatureSet(typeof(Order))]
            public static partial class OrderFeatures
            {
                [Feature] public static float DaysSinceFirstOrder(Order o) => (float)({|PDSL101:Now()|} - o.FirstOrderAt).TotalDays;

                private static DateTime Now() => DateTime.UtcNow;
            }
            """,
            Datasets.File);

    [Fact]
    public Task No_fix_is_offered_when_the_dataset_has_no_timestamp() =>
        CodeFixTestHelper.VerifyNoFixAsync(
            Provider,
            DiagnosticIds.NonDeterministic,
            """
            namespace Shop;

            [FeatureSet(typeof(Customer))]
            public static partial class ChurnFeatures
            {
                [Feature] public static float TenureDays(Customer c) => (float)({|PDSL101:DateTime.Now|} - c.SignupDate).TotalDays;
            }
            """,
            Datasets.File);

    [Fact]
    public Task No_fix_is_offered_when_the_timestamp_has_another_type_or_the_read_is_not_a_clock() =>
        CodeFixTestHelper.VerifyNoFixAsync(
            Provider,
            DiagnosticIds.NonDeterministic,
            """
            namespace Shop;

            [FeatureSet(typeof(Order))]
            public static partial class OrderFeatures
            {
                [Feature] public static float Hours(Order o) => (float)({|PDSL101:DateTimeOffset.Now|} - new DateTimeOffset(o.FirstOrderAt)).TotalHours;
                [Feature] public static float Bucket(Order o) => {|PDSL101:Guid.NewGuid()|}.ToByteArray()[0];
            }
            """,
            Datasets.File);

    [Fact]
    public Task Fix_all_in_the_document_fixes_every_clock_read() =>
        CodeFixTestHelper.VerifyFixAllAsync(
            Provider,
            DiagnosticIds.NonDeterministic,
            """
            namespace Shop;

            [FeatureSet(typeof(Order))]
            public static partial class OrderFeatures
            {
                [Feature] public static float DaysSinceFirstOrder(Order o) => (float)({|PDSL101:DateTime.UtcNow|} - o.FirstOrderAt).TotalDays;
                [Feature] public static float Month(Order order) => {|PDSL101:DateTime.Now|}.Month;
            }
            """,
            """
            namespace Shop;

            [FeatureSet(typeof(Order))]
            public static partial class OrderFeatures
            {
                [Feature] public static float DaysSinceFirstOrder(Order o) => (float)(o.OrderedAt - o.FirstOrderAt).TotalDays;
                [Feature] public static float Month(Order order) => order.OrderedAt.Month;
            }
            """,
            Datasets.File);
}
