using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PipelineDsl.Analyzers.Tests.Infrastructure;

namespace PipelineDsl.Analyzers.Tests;

/// <summary>
/// A positive and a negative test per rule. Markup <c>{|PDSL001:span|}</c> marks every expected diagnostic; nothing
/// else may be reported. Positive tests also assert the exact message.
/// </summary>
public sealed class RuleTests
{
    private const string Configuration = "namespace Microsoft.Extensions.Configuration { public interface IConfiguration { string? this[string key] { get; } } }";

    private static Diagnostic[] Verify(string features) =>
        AnalyzerTestHelper.Verify("namespace Corpus;\n" + features, (TestDatasets.Path, TestDatasets.Source), ("Configuration.cs", Configuration)).ToArray();

    [Fact]
    public void PDSL001_label_read_through_two_helpers_is_reported_at_the_call_with_the_chain()
    {
        var diagnostics = Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                [Feature] public static float Direct(Customer c) => {|PDSL001:c.Churn|} ? 1f : 0f;
                [Feature] public static float Indirect(Customer c) => {|PDSL001:Helper(c)|};
                private static float Helper(Customer c) => Inner(c) * 2;
                private static float Inner(Customer c) => c.Churn ? 1f : 0f;
            }
            """);

        Assert.Equal("Feature 'Direct' reads the label 'Churn'", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Feature 'Indirect' reads the label 'Churn' through Helper() -> Inner()", diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal("https://github.com/pipelinedsl/pipelinedsl/blob/main/docs/diagnostics/PDSL001.md", diagnostics[0].Descriptor.HelpLinkUri);
    }

    [Fact]
    public void PDSL001_negative_feature_named_like_the_label_and_a_joined_datasets_label()
    {
        Verify("""
            [FeatureSet(typeof(StationDay))]
            [AsOfJoin(typeof(NetworkDay))]
            public static partial class F
            {
                [Feature] public static float LabelLength(StationDay d) => d.Station.Length;
                [Feature] public static float NetworkYesterday(StationDay d, NetworkDay? n) => n?.Total ?? float.NaN;
                [Feature] public static float Named(StationDay d) => nameof(StationDay.Riders).Length;
                public static float NotAFeature(StationDay d) => d.Riders;
            }
            """);
    }

    [Fact]
    public void PDSL002_not_available_at_prediction_is_reported()
    {
        var diagnostics = Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                [Feature] public static float Refund(Customer c) => {|PDSL002:c.RefundAmount|};
                [Feature] public static float HasReason(Customer c) => {|PDSL002:Reason(c)|};
                private static float Reason(Customer c) => c.CancellationReason.Length > 0 ? 1f : 0f;
            }
            """);

        Assert.Equal("Feature 'HasReason' reads 'CancellationReason', which is not available at prediction time through Reason()", diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PDSL002_negative_other_members_are_fine()
    {
        Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                [Feature] public static float Charge(Customer c) => c.DayCharge;
                public static float Audit(Customer c) => c.RefundAmount;
            }
            """);
    }

    [Fact]
    public void PDSL003_random_split_of_a_timestamped_dataset_is_reported_on_the_split_argument()
    {
        var diagnostics = Verify("""
            [FeatureSet(typeof(StationDay))]
            public static partial class F { [Feature] public static float Month(StationDay d) => d.Date.Month; }
            [Model(typeof(F), Task = MlTask.Regression)] public sealed partial class M;
            [Pipeline("rides", typeof(M), {|PDSL003:Split = SplitStrategy.Random|})] public static partial class P;

            [FeatureSet(typeof(Listing))]
            public static partial class G { [Feature] public static float Rooms(Listing l) => l.Rooms; }
            [Model(typeof(G), Task = MlTask.Regression)] public sealed partial class N;
            [Pipeline("listings", typeof(N), {|PDSL003:Split = SplitStrategy.Stratified|})] public static partial class Q;
            """);

        Assert.Equal("Pipeline 'P' uses a random split, but dataset 'StationDay' has a timestamp ('Date'); use Split = SplitStrategy.Time", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Pipeline 'Q' uses a stratified split, but dataset 'Listing' has a key ('ListingId'); use Split = SplitStrategy.Time", diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PDSL003_negative_time_split_auto_split_and_random_split_of_untimed_rows()
    {
        Verify("""
            [FeatureSet(typeof(StationDay))]
            public static partial class F { [Feature] public static float Month(StationDay d) => d.Date.Month; }
            [Model(typeof(F), Task = MlTask.Regression)] public sealed partial class M;
            [Pipeline("rides", typeof(M), Split = SplitStrategy.Time, TimeCutoff = "2014-01-01")] public static partial class P;
            [Pipeline("rides-auto", typeof(M))] public static partial class P2;

            [FeatureSet(typeof(House))]
            public static partial class G { [Feature] public static float Area(House h) => h.GrLivArea; }
            [Model(typeof(G), Task = MlTask.Regression)] public sealed partial class N;
            [Pipeline("ames", typeof(N), Split = SplitStrategy.Random)] public static partial class Q;
            """);
    }

    [Fact]
    public void PDSL004_static_mean_over_all_rows_is_reported()
    {
        var diagnostics = Verify("""
            [FeatureSet(typeof(House))]
            public static partial class F
            {
                private static readonly float MeanArea = Load().Average(h => h.GrLivArea);
                private static IEnumerable<House> Load() => Array.Empty<House>();
                [Feature] public static float AreaVsMean(House h) => h.GrLivArea / {|PDSL004:MeanArea|};
            }
            """);

        Assert.Equal("Feature 'AreaVsMean' reads 'F.MeanArea', which is computed over every 'House' row, including the evaluation split", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PDSL004_negative_constant_lookup_tables_are_fine()
    {
        Verify("""
            [FeatureSet(typeof(House))]
            public static partial class F
            {
                private static readonly Dictionary<string, float> NeighborhoodIndex = new() { ["NAmes"] = 1f, ["OldTown"] = 2f };
                private const float SquareFeetPerSquareMeter = 10.7639f;
                [Feature] public static float Hood(House h) => NeighborhoodIndex.TryGetValue(h.Neighborhood, out var v) ? v : 0f;
                [Feature] public static float AreaM2(House h) => h.GrLivArea / SquareFeetPerSquareMeter;
            }
            """);
    }

    [Fact]
    public void PDSL101_clock_random_guid_and_string_hashes_are_reported()
    {
        var diagnostics = Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                [Feature] public static float DaysSinceSignup(Customer c) => (float)({|PDSL101:DateTime.Now|} - c.SignupDate).TotalDays;
                [Feature] public static float Noise(Customer c) => (float){|PDSL101:new Random()|}.NextDouble();
                [Feature] public static float Bucket(Customer c) => {|PDSL101:c.State.GetHashCode()|} % 16;
                [Feature] public static float Id(Customer c) => {|PDSL101:Guid.NewGuid()|}.ToByteArray()[0];
                [Feature] public static float Age(Customer c) => {|PDSL101:Age(c.SignupDate)|};
                private static float Age(DateTime d) => (float)(DateTime.UtcNow - d).TotalDays;
            }
            """);

        Assert.Equal("Feature 'DaysSinceSignup' is not deterministic: it uses 'DateTime.Now'", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Feature 'Age' is not deterministic: it uses 'DateTime.UtcNow' through Age()", diagnostics[4].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PDSL101_negative_row_timestamp_constant_dates_and_non_feature_methods()
    {
        Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                private static readonly DateTime Epoch = new(2020, 1, 1);
                [Feature] public static float DaysSinceEpoch(Customer c) => (float)(c.SignupDate - Epoch).TotalDays;
                [Feature] public static float SignedUpAfterLaunch(Customer c) => c.SignupDate > new DateTime(2021, 6, 1) ? 1f : 0f;
                public static string RunStamp() => DateTime.Now.ToString("O", CultureInfo.InvariantCulture);
                [Feature] public static float Hash(Customer c) => StringComparer.Ordinal.Equals(c.State, "CA") ? 1f : 0f;
            }
            """);
    }

    [Fact]
    public void PDSL102_culture_sensitive_parse_format_compare_and_case_are_reported()
    {
        var diagnostics = Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                [Feature] public static float Charge(Customer c) => {|PDSL102:float.Parse(c.MonthlyChargeText)|};
                [Feature] public static float Digits(Customer c) => {|PDSL102:c.DayMinutes.ToString()|}.Length;
                [Feature] public static float StateOrder(Customer c) => {|PDSL102:string.Compare(c.State, "M")|};
                [Feature] public static float Premium(Customer c) => {|PDSL102:c.Plan.ToUpper()|} == "PREMIUM" ? 1f : 0f;
                [Feature] public static float Spend(Customer c) => (float){|PDSL102:Convert.ToDouble(c.MonthlyChargeText)|};
            }
            """);

        Assert.Equal("Feature 'Charge' calls culture-sensitive 'float.Parse(string)'", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PDSL102_negative_invariant_culture_and_ordinal_comparison()
    {
        Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                [Feature] public static float Charge(Customer c) => float.Parse(c.MonthlyChargeText, CultureInfo.InvariantCulture);
                [Feature] public static float Digits(Customer c) => c.DayMinutes.ToString(CultureInfo.InvariantCulture).Length;
                [Feature] public static float StateOrder(Customer c) => string.Compare(c.State, "M", StringComparison.Ordinal);
                [Feature] public static float Premium(Customer c) => c.Plan.ToUpperInvariant() == "PREMIUM" ? 1f : 0f;
                [Feature] public static float Same(Customer c) => string.Equals(c.Plan, "basic", StringComparison.OrdinalIgnoreCase) ? 1f : 0f;
            }
            """);
    }

    [Fact]
    public void PDSL103_mutable_static_field_and_settable_static_property_are_reported()
    {
        Verify("""
            public static class Settings { public static float Scale { get; set; } = 1f; }
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                private static float threshold = 100f;
                [Feature] public static float Heavy(Customer c) => c.DayMinutes > {|PDSL103:threshold|} ? 1f : 0f;
                [Feature] public static float Scaled(Customer c) => c.DayMinutes * {|PDSL103:Settings.Scale|};
            }
            """);
    }

    [Fact]
    public void PDSL103_negative_readonly_const_and_get_only_statics()
    {
        Verify("""
            public static class Settings { public static float Scale { get; } = 1f; }
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                private static readonly float Threshold = 100f;
                private const float Cap = 500f;
                [Feature] public static float Heavy(Customer c) => c.DayMinutes > Threshold ? 1f : Math.Min(c.DayMinutes, Cap);
                [Feature] public static float Scaled(Customer c) => c.DayMinutes * Settings.Scale;
            }
            """);
    }

    [Fact]
    public void PDSL104_files_environment_and_configuration_are_reported()
    {
        Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                private static readonly Microsoft.Extensions.Configuration.IConfiguration Config = null!;
                [Feature] public static float Blocked(Customer c) => {|PDSL104:File.ReadAllLines("blocked.txt")|}.Contains(c.State) ? 1f : 0f;
                [Feature] public static float Region(Customer c) => {|PDSL104:Environment.GetEnvironmentVariable("REGION")|} == c.State ? 1f : 0f;
                [Feature] public static float Tier(Customer c) => {|PDSL104:Config["tier"]|} == c.Plan ? 1f : 0f;
            }
            """);
    }

    [Fact]
    public void PDSL104_negative_path_helpers_and_io_outside_features()
    {
        Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                [Feature] public static float HasExtension(Customer c) => Path.HasExtension(c.CustomerId) ? 1f : 0f;
                public static string[] LoadBlockList() => File.ReadAllLines("blocked.txt");
            }
            """);
    }

    [Fact]
    public void PDSL105_nullable_value_and_cast_are_reported()
    {
        var diagnostics = Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                [Feature] public static float Spend(Customer c) => {|PDSL105:c.MonthlySpend.Value|};
                [Feature] public static float Tenure(Customer c) => {|PDSL105:(int)c.Tenure|};
            }
            """);

        Assert.Equal("Feature 'Spend' uses nullable 'MonthlySpend' without an explicit default", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PDSL105_negative_explicit_defaults_and_guards()
    {
        Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                [Feature] public static float Spend(Customer c) => c.MonthlySpend ?? 0f;
                [Feature] public static float Tenure(Customer c) => c.Tenure.GetValueOrDefault(12);
                [Feature] public static float Guarded(Customer c) => c.MonthlySpend.HasValue ? c.MonthlySpend.Value : 0f;
                [Feature] public static float Checked(Customer c) => c.Tenure is null ? -1f : (float)c.Tenure;
            }
            """);
    }

    [Fact]
    public void Recursive_helpers_terminate_and_still_report()
    {
        Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                [Feature] public static float Loop(Customer c) => {|PDSL001:Ping(c, 3)|};
                private static float Ping(Customer c, int n) => n == 0 ? (c.Churn ? 1f : 0f) : Pong(c, n - 1);
                private static float Pong(Customer c, int n) => Ping(c, n);
            }
            """);
    }

    [Fact]
    public void Local_functions_lambdas_and_getters_are_followed()
    {
        var diagnostics = Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class F
            {
                private static DateTime Today => DateTime.Today;
                [Feature] public static float Local(Customer c) { return {|PDSL001:Read()|}; float Read() => c.Churn ? 1f : 0f; }
                [Feature] public static float Lambda(Customer c) { Func<Customer, bool> f = x => {|PDSL001:x.Churn|}; return f(c) ? 1f : 0f; }
                [Feature] public static float Getter(Customer c) => (float)({|PDSL101:Today|} - c.SignupDate).TotalDays;
            }
            """);

        Assert.Equal("Feature 'Local' reads the label 'Churn' through Read()", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Feature 'Getter' is not deterministic: it uses 'DateTime.Today' through Today", diagnostics[2].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Compilation_without_PipelineDsl_attributes_is_skipped()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoDsl",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public static class C { public static System.DateTime N() => System.DateTime.Now; }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);

        Assert.Empty(await compilation.WithAnalyzers(AnalyzerTestHelper.Analyzers).GetAnalyzerDiagnosticsAsync());
    }
}
