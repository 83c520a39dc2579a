using PipelineDsl.Analyzers;
using PipelineDsl.CodeFixes.Tests.Infrastructure;

namespace PipelineDsl.CodeFixes.Tests;

public sealed class RandomSplitCodeFixTests
{
    private static readonly RandomSplitCodeFixProvider Provider = new();

    private const string Declarations = """
        namespace Shop;

        [FeatureSet(typeof(Order))]
        public static partial class OrderFeatures { [Feature] public static float Dow(Order o) => (float)o.OrderedAt.DayOfWeek; }
        [Model(typeof(OrderFeatures), Task = MlTask.Regression)] public sealed partial class OrderModel;

        """;

    [Theory]
    [InlineData("SplitStrategy.Random")]
    [InlineData("SplitStrategy.Stratified")]
    public Task A_random_or_stratified_split_of_a_time_stamped_dataset_becomes_a_time_split(string split) =>
        CodeFixTestHelper.VerifyFixAsync(
            Provider,
            DiagnosticIds.RandomSplitOfTemporalData,
            Declarations + "[Pipeline(\"orders\", typeof(OrderModel), {|PDSL003:Split = " + split + "|}, HoldoutFraction = 0.2)] public static partial class OrderPipeline;\n",
            Declarations + "[Pipeline(\"orders\", typeof(OrderModel), Split = SplitStrategy.Time, HoldoutFraction = 0.2)] public static partial class OrderPipeline;\n",
            Datasets.File);

    [Fact]
    public Task A_qualified_split_keeps_its_qualification() =>
        CodeFixTestHelper.VerifyFixAsync(
            Provider,
            DiagnosticIds.RandomSplitOfTemporalData,
            Declarations + "[Pipeline(\"orders\", typeof(OrderModel), {|PDSL003:Split = PipelineDsl.SplitStrategy.Random|})] public static partial class OrderPipeline;\n",
            Declarations + "[Pipeline(\"orders\", typeof(OrderModel), Split = PipelineDsl.SplitStrategy.Time)] public static partial class OrderPipeline;\n",
            Datasets.File);

    [Fact]
    public Task No_fix_is_offered_for_a_keyed_dataset_without_a_timestamp() =>
        CodeFixTestHelper.VerifyNoFixAsync(
            Provider,
            DiagnosticIds.RandomSplitOfTemporalData,
            """
            namespace Shop;

            [FeatureSet(typeof(Account))]
            public static partial class AccountFeatures { [Feature] public static float Month(Account a) => a.OpenedAt.Month; }
            [Model(typeof(AccountFeatures))] public sealed partial class AccountModel;
            [Pipeline("accounts", typeof(AccountModel), {|PDSL003:Split = SplitStrategy.Stratified|})] public static partial class AccountPipeline;
            """,
            Datasets.File);

    [Fact]
    public Task Fix_all_in_the_document_fixes_both_pipelines() =>
        CodeFixTestHelper.VerifyFixAllAsync(
            Provider,
            DiagnosticIds.RandomSplitOfTemporalData,
            Declarations + """
                [Pipeline("orders", typeof(OrderModel), {|PDSL003:Split = SplitStrategy.Random|})] public static partial class OrderPipeline;
                [Pipeline("orders-stratified", typeof(OrderModel), {|PDSL003:Split = SplitStrategy.Stratified|}, Seed = 7)] public static partial class StratifiedPipeline;
                """,
            Declarations + """
                [Pipeline("orders", typeof(OrderModel), Split = SplitStrategy.Time)] public static partial class OrderPipeline;
                [Pipeline("orders-stratified", typeof(OrderModel), Split = SplitStrategy.Time, Seed = 7)] public static partial class StratifiedPipeline;
                """,
            Datasets.File);
}
