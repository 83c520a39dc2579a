using System.Globalization;
using System.Text;
using PipelineDsl.Runtime.Graph;

namespace PipelineDsl.Runtime.Tests.Support;

/// <summary>Builds what the generator would emit for a small pipeline over <see cref="SyntheticRow"/>.</summary>
public static class SyntheticPipeline
{
    public const string Name = "SyntheticPipeline";

    // The user's [Feature] methods.
    public static float X1(SyntheticRow r) => (float)r.X1;

    public static float X2(SyntheticRow r) => (float)r.X2;

    public static float IsSegmentB(SyntheticRow r) => r.Segment == "b" ? 1f : 0f;

    public static float Product(SyntheticRow r) => (float)(r.X1 * r.X2);

    public static FeatureSetDefinition<SyntheticRow> FeatureSet(string hash = "feature-set-hash-1") => new(
        "SyntheticFeatures",
        "Synthetic",
        [
            new FeatureDefinition("x1", "X1", "code-x1"),
            new FeatureDefinition("x2", "X2", "code-x2"),
            new FeatureDefinition("is_segment_b", "IsSegmentB", "code-seg"),
            new FeatureDefinition("product", "Product", "code-prod"),
        ],
        hash,
        (row, destination) =>
        {
            destination[0] = X1(row);
            destination[1] = X2(row);
            destination[2] = IsSegmentB(row);
            destination[3] = Product(row);
        },
        (rows, destination) =>
        {
            var n = rows.Length;
            for (var i = 0; i < n; i++)
            {
                destination[i] = X1(rows[i]);
                destination[n + i] = X2(rows[i]);
                destination[(2 * n) + i] = IsSegmentB(rows[i]);
                destination[(3 * n) + i] = Product(rows[i]);
            }
        });

    public static PipelineGraph Graph(string dataset = "Synthetic", string features = "SyntheticFeatures", string model = "SyntheticModel", string pipeline = Name)
    {
        string Ingest = $"ingest:{dataset}", Validate = $"validate:{dataset}", Snapshot = $"snapshot:{dataset}", Features = $"features:{features}",
            Split = $"split:{dataset}", Train = $"train:{model}", Evaluate = $"evaluate:{model}", Gate = $"gate:{model}", Register = $"register:{pipeline}";
        return new PipelineGraph(
            [
                new(Ingest, NodeKind.Ingest, dataset), new(Validate, NodeKind.Validate, dataset), new(Snapshot, NodeKind.Snapshot, dataset),
                new(Features, NodeKind.Features, features), new(Split, NodeKind.Split, dataset), new(Train, NodeKind.Train, model),
                new(Evaluate, NodeKind.Evaluate, model), new(Gate, NodeKind.Gate, model), new(Register, NodeKind.Register, pipeline),
            ],
            [
                new(Ingest, Validate), new(Validate, Snapshot), new(Validate, Features), new(Validate, Split),
                new(Features, Train), new(Split, Train), new(Train, Evaluate), new(Features, Evaluate), new(Split, Evaluate),
                new(Evaluate, Gate), new(Gate, Register), new(Snapshot, Register),
            ]);
    }

    public static ModelDefinition Model(MlTask task = MlTask.BinaryClassification, Trainer trainer = Trainer.LightGbm, params Hyperparameter[] hyperparameters) =>
        new("SyntheticModel", "SyntheticFeatures", task, trainer,
            hyperparameters.Length > 0 ? hyperparameters : [new("Leaves", "8"), new("LearningRate", "0.1"), new("Iterations", "50"), new("MinimumExampleCountPerLeaf", "5")],
            "model-config-hash-1");

    public static PipelineDefinition<SyntheticRow> Create(
        string? defaultSource = null,
        IReadOnlyList<GateRule>? gates = null,
        MlTask task = MlTask.BinaryClassification,
        string featureSetHash = "feature-set-hash-1",
        SplitDefinition? split = null) =>
        new(
            Name,
            new SyntheticDataset(defaultSource, regression: task == MlTask.Regression),
            FeatureSet(featureSetHash),
            Model(task),
            gates ?? [new GateRule(Metric.Auc, GateComparison.AtLeast, 0.8)],
            split ?? new SplitDefinition(SplitStrategy.Auto, 0.2, 42),
            Graph());

    /// <summary>Writes a learnable CSV: churned when x1 + 0.5 x2 + noise &gt; 0, the noise uniform in [-noise, noise].</summary>
    public static string WriteCsv(string path, int rows = 600, int seed = 1, double noise = 1)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("id,x1,x2,segment,churned,amount,when\n");
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < rows; i++)
        {
            var x1 = Math.Round((random.NextDouble() * 20) - 10, 3);
            var x2 = Math.Round((random.NextDouble() * 20) - 10, 3);
            var segment = "abc"[random.Next(3)];
            var jitter = (random.NextDouble() - 0.5) * 2 * noise;
            var churned = x1 + (0.5 * x2) + jitter > 0;
            var amount = Math.Round((3 * x1) - x2 + jitter, 3);
            sb.Append(i).Append(',')
                .Append(x1.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(x2.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(segment).Append(',')
                .Append(churned ? "yes" : "no").Append(',')
                .Append(amount.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(start.AddHours(i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
