using Microsoft.ML;
using Microsoft.ML.Data;
using PipelineDsl.Runtime.Evaluation;
using PipelineDsl.Runtime.Training;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Training;

public class ModelTrainerTests
{
    private const int Rows = 800;
    private static readonly string[] Names = ["x1", "x2", "noise"];

    private static (float[] Matrix, float[] Labels) Separable(bool regression = false)
    {
        var random = new Random(3);
        var matrix = new float[Names.Length * Rows];
        var labels = new float[Rows];
        for (var i = 0; i < Rows; i++)
        {
            var x1 = (float)((random.NextDouble() * 4) - 2);
            var x2 = (float)((random.NextDouble() * 4) - 2);
            matrix[i] = x1;
            matrix[Rows + i] = x2;
            matrix[(2 * Rows) + i] = (float)random.NextDouble();
            var signal = x1 + (0.5f * x2) + (float)((random.NextDouble() - 0.5) * 0.3);
            labels[i] = regression ? (3 * x1) - x2 : signal > 0 ? 1 : 0;
        }

        return (matrix, labels);
    }

    private static (IReadOnlyDictionary<string, double> Metrics, byte[] Model, ModelTrainer Trainer, ITransformer Transformer) TrainAndEvaluate(
        MlTask task, Trainer trainerKind)
    {
        var (matrix, labels) = Separable(task == MlTask.Regression);
        var split = DatasetSplitter.Split(task == MlTask.Regression ? SplitStrategy.Random : SplitStrategy.Stratified, 0.25, 42, labels);
        var model = new ModelDefinition("M", "F", task, trainerKind,
            [new("leaves", "8"), new("LEARNINGRATE", "0.2"), new("Trees", "40"), new("MinimumExampleCountPerLeaf", "5")], "h");
        var trainer = new ModelTrainer(model, 42);
        var train = new FeatureMatrixDataView(matrix, Rows, Names, split.Train, labels, task);
        var test = new FeatureMatrixDataView(matrix, Rows, Names, split.Test, labels, task);
        var transformer = trainer.Train(train);
        var metrics = ModelEvaluator.Evaluate(trainer.Context, transformer, test, task);
        return (metrics, ModelTrainer.SaveToBytes(trainer.Context, transformer, train.Schema), trainer, transformer);
    }

    [Fact]
    public void A_deep_trainer_whose_package_is_not_referenced_fails_naming_the_package()
    {
        // This test assembly does not reference PipelineDsl.TorchSharp: the runtime never depends on TorchSharp itself.
        var model = SyntheticPipeline.Model(trainer: Trainer.TorchMlp, hyperparameters: [new("HiddenLayers", "16,8"), new("Epochs", "3")]);
        Assert.True(ExternalTrainers.IsExternal(Trainer.TorchMlp));
        Assert.False(ExternalTrainers.IsExternal(Trainer.LightGbm));
        Assert.Null(ExternalTrainers.Resolve(Trainer.FastTree));

        // Its hyperparameters are its own: not refused by the ML.NET trainers' names.
        var trainer = new ModelTrainer(model, seed: 1);
        var (matrix, labels) = Separable();
        var view = new FeatureMatrixDataView(matrix, Rows, Names, Enumerable.Range(0, Rows).ToArray(), labels, MlTask.BinaryClassification);
        var error = Assert.Throws<InvalidOperationException>(() => trainer.Train(view));
        Assert.Contains("PipelineDsl.TorchSharp", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Trainer.LightGbm)]
    [InlineData(Trainer.FastTree)]
    public void Binary_classification_learns_a_separable_problem(Trainer trainer)
    {
        var (metrics, _, _, _) = TrainAndEvaluate(MlTask.BinaryClassification, trainer);
        Assert.True(metrics["auc"] > 0.9, $"auc {metrics["auc"]}");
        Assert.Equal(
            ["accuracy", "auc", "f1", "log_loss", "precision", "recall"],
            metrics.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(metrics["accuracy"], 0.8, 1.0);
    }

    [Theory]
    [InlineData(Trainer.LightGbm)]
    [InlineData(Trainer.FastTree)]
    public void Regression_learns_a_linear_target(Trainer trainer)
    {
        var (metrics, _, _, _) = TrainAndEvaluate(MlTask.Regression, trainer);
        Assert.True(metrics["r2"] > 0.9, $"r2 {metrics["r2"]}");
        Assert.Equal(["mae", "r2", "rmse"], metrics.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Trainer.LightGbm)]
    [InlineData(Trainer.FastTree)]
    public void Training_is_deterministic(Trainer trainer)
    {
        var first = TrainAndEvaluate(MlTask.BinaryClassification, trainer);
        var second = TrainAndEvaluate(MlTask.BinaryClassification, trainer);
        Assert.Equal(first.Metrics, second.Metrics);

        // Same predictions from both models on the same data.
        var (matrix, labels) = Separable();
        var view = new FeatureMatrixDataView(matrix, Rows, Names, labels: labels);
        var a = first.Transformer.Transform(view).GetColumn<float>("Probability").ToArray();
        var b = second.Transformer.Transform(view).GetColumn<float>("Probability").ToArray();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Saved_models_load_and_score_the_same()
    {
        var (_, bytes, trainer, transformer) = TrainAndEvaluate(MlTask.BinaryClassification, Trainer.LightGbm);
        var loaded = ModelTrainer.Load(new MLContext(1), new MemoryStream(bytes), out var schema);
        Assert.NotNull(schema.GetColumnOrNull(FeatureMatrixColumns.Features));
        var (matrix, _) = Separable();
        var view = new FeatureMatrixDataView(matrix, Rows, Names);
        Assert.Equal(
            transformer.Transform(view).GetColumn<float>("Score").ToArray(),
            loaded.Transform(view).GetColumn<float>("Score").ToArray());
        Assert.NotNull(trainer.Context);
    }

    [Fact]
    public void Unknown_hyperparameter_names_it_and_the_allowed_names()
    {
        var model = new ModelDefinition("M", "F", MlTask.BinaryClassification, Trainer.LightGbm, [new("Depth", "3")], "h");
        var error = Assert.Throws<ArgumentException>(() => new ModelTrainer(model, 1));
        Assert.Contains("'Depth'", error.Message);
        Assert.Contains("Leaves", error.Message);
        Assert.Contains("MinimumExampleCountPerLeaf", error.Message);
    }

    [Fact]
    public void Bad_hyperparameter_value_is_an_error()
    {
        var model = new ModelDefinition("M", "F", MlTask.BinaryClassification, Trainer.LightGbm, [new("Leaves", "many")], "h");
        var error = Assert.Throws<ArgumentException>(() => new ModelTrainer(model, 1));
        Assert.Contains("'many'", error.Message);
    }

    [Fact]
    public void Gate_verdicts()
    {
        var metrics = new Dictionary<string, double> { ["auc"] = 0.91, ["log_loss"] = 0.3 };
        var pass = GateVerdict.Evaluate(new GateRule(Metric.Auc, GateComparison.AtLeast, 0.9), metrics, MlTask.BinaryClassification);
        Assert.True(pass.Passed);
        Assert.Equal(0.91, pass.Value);
        var fail = GateVerdict.Evaluate(new GateRule(Metric.LogLoss, GateComparison.AtMost, 0.2), metrics, MlTask.BinaryClassification);
        Assert.False(fail.Passed);
        Assert.Contains("failed", fail.Message);
        var impossible = GateVerdict.Evaluate(new GateRule(Metric.Rmse, GateComparison.AtMost, 1), metrics, MlTask.BinaryClassification);
        Assert.False(impossible.Passed);
        Assert.True(double.IsNaN(impossible.Value));
        Assert.Contains("does not produce the metric 'rmse'", impossible.Message);
    }
}
