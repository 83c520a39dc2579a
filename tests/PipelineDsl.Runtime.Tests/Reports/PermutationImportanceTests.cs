using PipelineDsl.Runtime.Reports;
using PipelineDsl.Runtime.Training;

namespace PipelineDsl.Runtime.Tests.Reports;

/// <summary>Permutation importance on a synthetic model: the signal matters most, pure noise not at all.</summary>
public sealed class PermutationImportanceTests
{
    private static readonly string[] Names = ["noise", "signal", "weak"];

    /// <summary>
    /// <paramref name="rows"/> rows of three features, column-major: uniform noise the label never sees, the signal
    /// the label is (almost) a function of, and a weak second signal.
    /// </summary>
    private static (float[] Matrix, float[] Labels) Data(int rows, int seed, MlTask task)
    {
        var random = new Random(seed);
        var matrix = new float[3 * rows];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            var noise = (float)((random.NextDouble() * 2) - 1);
            var signal = (float)((random.NextDouble() * 2) - 1);
            var weak = (float)((random.NextDouble() * 2) - 1);
            matrix[i] = noise;
            matrix[rows + i] = signal;
            matrix[(2 * rows) + i] = weak;
            var value = signal + (0.25 * weak) + ((random.NextDouble() - 0.5) * 0.1);
            labels[i] = task == MlTask.BinaryClassification ? (value > 0 ? 1f : 0f) : (float)(3 * value);
        }

        return (matrix, labels);
    }

    private static ModelTrainer Trainer(MlTask task) => new(
        new ModelDefinition("M", "F", task, PipelineDsl.Trainer.LightGbm, [new("Leaves", "8"), new("Iterations", "60"), new("MinimumExampleCountPerLeaf", "10")], "h"),
        seed: 7);

    [Theory]
    [InlineData(MlTask.BinaryClassification, "auc")]
    [InlineData(MlTask.Regression, "r2")]
    public void The_signal_is_the_most_important_feature_and_pure_noise_is_near_zero(MlTask task, string metric)
    {
        var (trainMatrix, trainLabels) = Data(1500, seed: 1, task);
        var trainer = Trainer(task);
        var model = trainer.Train(new FeatureMatrixDataView(trainMatrix, 1500, Names, labels: trainLabels, task: task));
        var (holdout, labels) = Data(600, seed: 2, task);
        var before = (float[])holdout.Clone();

        var result = PermutationImportance.Compute(model, holdout, 600, Names, labels, task);

        Assert.Equal(metric, result.Metric);
        Assert.Equal(PermutationImportance.DefaultRepeats, result.Repeats);
        Assert.True(result.Baseline > 0.9, $"baseline {metric} {result.Baseline}");
        Assert.Equal(Names, result.Features.Select(f => f.Feature));
        var noise = result.Features[0];
        var signal = result.Features[1];
        var weak = result.Features[2];
        Assert.True(Math.Abs(noise.Importance) < 0.02, $"noise importance {noise.Importance}");
        Assert.True(signal.Importance > 0.3, $"signal importance {signal.Importance}");
        Assert.Equal(signal, result.Features.MaxBy(f => f.Importance));
        Assert.True(weak.Importance > noise.Importance, $"weak {weak.Importance} <= noise {noise.Importance}");
        Assert.Equal(before, holdout);
    }

    [Fact]
    public void The_same_model_and_holdout_give_the_same_importances()
    {
        var (trainMatrix, trainLabels) = Data(800, seed: 3, MlTask.BinaryClassification);
        var model = Trainer(MlTask.BinaryClassification).Train(new FeatureMatrixDataView(trainMatrix, 800, Names, labels: trainLabels));
        var (holdout, labels) = Data(300, seed: 4, MlTask.BinaryClassification);

        var first = PermutationImportance.Compute(model, holdout, 300, Names, labels, MlTask.BinaryClassification);
        var second = PermutationImportance.Compute(model, holdout, 300, Names, labels, MlTask.BinaryClassification);
        var otherSeed = PermutationImportance.Compute(model, holdout, 300, Names, labels, MlTask.BinaryClassification, seed: 99);

        Assert.Equal(first.Features, second.Features);
        Assert.NotEqual(first.Features[1].Importance, otherSeed.Features[1].Importance);
    }

    [Fact]
    public void Mismatched_shapes_are_refused()
    {
        var model = Trainer(MlTask.BinaryClassification).Train(new FeatureMatrixDataView(Data(200, 5, MlTask.BinaryClassification).Matrix, 200, Names, labels: Data(200, 5, MlTask.BinaryClassification).Labels));
        Assert.Throws<ArgumentException>(() => PermutationImportance.Compute(model, new float[30], 10, Names, new float[9], MlTask.BinaryClassification));
        Assert.Throws<ArgumentException>(() => PermutationImportance.Compute(model, new float[29], 10, Names, new float[10], MlTask.BinaryClassification));
    }
}
