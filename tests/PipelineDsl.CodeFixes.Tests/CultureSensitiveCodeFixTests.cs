using PipelineDsl.Analyzers;
using PipelineDsl.CodeFixes.Tests.Infrastructure;

namespace PipelineDsl.CodeFixes.Tests;

public sealed class CultureSensitiveCodeFixTests
{
    private static readonly CultureSensitiveCodeFixProvider Provider = new();

    private static string Feature(string body) => """
        namespace Shop;

        [FeatureSet(typeof(Customer))]
        public static partial class ChurnFeatures
        {
            [Feature] public static float X(Customer c)
            {
                _ = BODY;
                return 0f;
            }
        }
        """.Replace("BODY", body, StringComparison.Ordinal);

    [Theory]
    [InlineData("double.Parse(c.ChargeText)", "double.Parse(c.ChargeText, System.Globalization.CultureInfo.InvariantCulture)")]
    [InlineData("DateTime.Parse(c.SignupText)", "DateTime.Parse(c.SignupText, System.Globalization.CultureInfo.InvariantCulture)")]
    [InlineData("float.TryParse(c.ChargeText, out var v)", "float.TryParse(c.ChargeText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)")]
    [InlineData("decimal.TryParse(c.ChargeText, out var v)", "decimal.TryParse(c.ChargeText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)")]
    [InlineData("int.TryParse(c.CountText, out var v)", "int.TryParse(c.CountText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v)")]
    [InlineData("long.TryParse(c.CountText, out long v)", "long.TryParse(c.CountText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long v)")]
    [InlineData("DateTime.TryParse(c.SignupText, out var v)", "DateTime.TryParse(c.SignupText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var v)")]
    [InlineData("c.Minutes.ToString()", "c.Minutes.ToString(System.Globalization.CultureInfo.InvariantCulture)")]
    [InlineData("c.Minutes.ToString(\"F2\")", "c.Minutes.ToString(\"F2\", System.Globalization.CultureInfo.InvariantCulture)")]
    [InlineData("c.SignupDate.ToString(\"yyyy-MM\")", "c.SignupDate.ToString(\"yyyy-MM\", System.Globalization.CultureInfo.InvariantCulture)")]
    [InlineData("Convert.ToDouble(c.ChargeText)", "Convert.ToDouble(c.ChargeText, System.Globalization.CultureInfo.InvariantCulture)")]
    [InlineData("string.Compare(c.State, \"M\")", "string.Compare(c.State, \"M\", StringComparison.Ordinal)")]
    [InlineData("c.Plan.ToUpper()", "c.Plan.ToUpperInvariant()")]
    [InlineData("c.Plan.ToLower()", "c.Plan.ToLowerInvariant()")]
    [InlineData("char.ToUpper(c.Grade)", "char.ToUpperInvariant(c.Grade)")]
    public Task Each_mechanical_shape_is_fixed(string before, string after) =>
        CodeFixTestHelper.VerifyFixAsync(Provider, DiagnosticIds.CultureSensitive, Feature("{|PDSL102:" + before + "|}"), Feature(after), Datasets.File);

    [Fact]
    public Task Parse_uses_the_short_name_when_System_Globalization_is_imported() =>
        CodeFixTestHelper.VerifyFixAsync(
            Provider,
            DiagnosticIds.CultureSensitive,
            """
            using System.Globalization;

            namespace Shop;

            [FeatureSet(typeof(Customer))]
            public static partial class ChurnFeatures
            {
                [Feature] public static double MonthlyCharge(Customer c) => {|PDSL102:double.Parse(c.ChargeText)|};
            }
            """,
            """
            using System.Globalization;

            namespace Shop;

            [FeatureSet(typeof(Customer))]
            public static partial class ChurnFeatures
            {
                [Feature] public static double MonthlyCharge(Customer c) => double.Parse(c.ChargeText, CultureInfo.InvariantCulture);
            }
            """,
            Datasets.File);

    [Fact]
    public Task Fix_all_in_the_document_fixes_every_occurrence() =>
        CodeFixTestHelper.VerifyFixAllAsync(
            Provider,
            DiagnosticIds.CultureSensitive,
            """
            namespace Shop;

            [FeatureSet(typeof(Customer))]
            public static partial class ChurnFeatures
            {
                [Feature] public static double MonthlyCharge(Customer c) => {|PDSL102:double.Parse(c.ChargeText)|};
                [Feature] public static float IsPremium(Customer c) => {|PDSL102:c.Plan.ToUpper()|} == "PREMIUM" ? 1f : 0f;
                [Feature] public static float Charge(Customer c) => float.TryParse(c.ChargeText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0f;
                [Feature] public static float Digits(Customer c) => {|PDSL102:c.Minutes.ToString()|}.Length;
            }
            """,
            """
            namespace Shop;

            [FeatureSet(typeof(Customer))]
            public static partial class ChurnFeatures
            {
                [Feature] public static double MonthlyCharge(Customer c) => double.Parse(c.ChargeText, System.Globalization.CultureInfo.InvariantCulture);
                [Feature] public static float IsPremium(Customer c) => c.Plan.ToUpperInvariant() == "PREMIUM" ? 1f : 0f;
                [Feature] public static float Charge(Customer c) => float.TryParse(c.ChargeText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0f;
                [Feature] public static float Digits(Customer c) => c.Minutes.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            }
            """,
            Datasets.File);

    [Fact]
    public Task No_fix_is_offered_on_the_call_of_a_helper_that_parses() =>
        CodeFixTestHelper.VerifyNoFixAsync(
            Provider,
            DiagnosticIds.CultureSensitive,
            """
            namespace Shop;

            [FeatureSet(typeof(Customer))]
            public static partial class ChurnFeatures
            {
                [Feature] public static float Charge(Customer c) => {|PDSL102:ParseCharge(c.ChargeText)|};

                private static float ParseCharge(string text) => float.Parse(text);
            }
            """,
            Datasets.File);

    [Fact]
    public Task No_fix_is_offered_for_CompareTo() =>
        CodeFixTestHelper.VerifyNoFixAsync(
            Provider,
            DiagnosticIds.CultureSensitive,
            """
            namespace Shop;

            [FeatureSet(typeof(Customer))]
            public static partial class ChurnFeatures
            {
                [Feature] public static float StateOrder(Customer c) => {|PDSL102:c.State.CompareTo("M")|};
            }
            """,
            Datasets.File);
}
