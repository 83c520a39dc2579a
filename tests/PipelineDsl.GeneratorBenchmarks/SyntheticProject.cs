using System.Globalization;
using System.Text;

namespace PipelineDsl.GeneratorBenchmarks;

/// <summary>
/// A realistic project of N features: one 24-column dataset, feature sets of at most 250 features each (expressions,
/// conditionals and a shared helper), one model, gate and pipeline per feature set.
/// </summary>
internal static class SyntheticProject
{
    public const int Columns = 24;
    public const int FeaturesPerSet = 250;

    public static IReadOnlyList<(string Path, string Source)> Create(int features)
    {
        var files = new List<(string, string)> { ("Customer.cs", Dataset()), ("Helpers.cs", Helpers()) };
        var sets = (features + FeaturesPerSet - 1) / FeaturesPerSet;
        for (var s = 0; s < sets; s++)
        {
            var count = Math.Min(FeaturesPerSet, features - (s * FeaturesPerSet));
            files.Add(($"Features{s}.cs", FeatureSet(s, count)));
        }

        files.Add(("Unrelated.cs", "namespace Bench;\n\npublic static class Unrelated\n{\n    public static int Answer() => 42;\n}\n"));
        return files;
    }

    private static string Dataset()
    {
        var b = new StringBuilder();
        b.AppendLine("using System;\nusing PipelineDsl;\n\nnamespace Bench;\n");
        b.AppendLine("[Dataset(\"customers\", Source = \"data/customers.csv\", Timestamp = nameof(SeenAt))]");
        b.AppendLine("public sealed partial record Customer\n{");
        b.AppendLine("    [Key] public string Id { get; init; } = \"\";");
        b.AppendLine("    public DateTime SeenAt { get; init; }");
        b.AppendLine("    [Categories(\"basic\", \"plus\", \"pro\")] public string Plan { get; init; } = \"\";");
        for (var c = 0; c < Columns; c++)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"    [Range(0, 10000)] public float M{c} {{ get; init; }}");
        }

        b.AppendLine("    [Label] public bool Churned { get; init; }\n}");
        return b.ToString();
    }

    private static string Helpers() => """
        namespace Bench;

        public static class Ratios
        {
            public static float Safe(float numerator, float denominator) => denominator == 0f ? 0f : numerator / denominator;
        }
        """;

    private static string FeatureSet(int set, int count)
    {
        var b = new StringBuilder();
        b.AppendLine("using System;\nusing PipelineDsl;\n\nnamespace Bench;\n");
        b.AppendLine("[FeatureSet(typeof(Customer))]");
        b.AppendLine(CultureInfo.InvariantCulture, $"public static partial class Features{set}\n{{");
        for (var f = 0; f < count; f++)
        {
            var i = (set * FeaturesPerSet) + f;
            var a = i % Columns;
            var c = (i * 7 + 3) % Columns;
            var body = (i % 4) switch
            {
                0 => $"c.M{a} * {(i % 9) + 1}f + c.M{c}",
                1 => $"Ratios.Safe(c.M{a}, c.M{c} + 1f)",
                2 => $"c.Plan == \"pro\" ? c.M{a} : -c.M{c}",
                _ => $"c.M{a} > {i % 500}f ? 1f : 0f",
            };
            b.AppendLine(CultureInfo.InvariantCulture, $"    [Feature] public static float F{i}(Customer c) => {body};");
        }

        b.AppendLine("}\n");
        b.AppendLine(CultureInfo.InvariantCulture, $"[Model(typeof(Features{set}), Task = MlTask.BinaryClassification, Trainer = Trainer.LightGbm)]");
        b.AppendLine(CultureInfo.InvariantCulture, $"public sealed partial class Model{set}\n{{\n    [Hyperparameter] public int Leaves {{ get; init; }} = 31;\n}}\n");
        b.AppendLine(CultureInfo.InvariantCulture, $"[Gate(typeof(Model{set}))]\n[MinMetric(Metric.Auc, 0.8)]\npublic sealed partial class Gates{set};\n");
        b.AppendLine(CultureInfo.InvariantCulture, $"[Pipeline(\"pipeline-{set}\", typeof(Model{set}), Split = SplitStrategy.Time)]\npublic static partial class Pipeline{set};");
        return b.ToString();
    }
}
