using Microsoft.ML;
using Microsoft.ML.Data;
using PipelineDsl.Runtime.Training;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// Permutation feature importance on a holdout: for each feature, its column of the (column-major) holdout matrix is
/// shuffled among the rows with a seeded <see cref="Random"/>, the model scores the shuffled copy through a
/// <see cref="FeatureMatrixDataView"/>, and the drop of the headline metric (AUC for binary classification, R2 for
/// regression) is averaged over <see cref="DefaultRepeats"/> shuffles. Deterministic: the same model and holdout give
/// the same numbers.
/// </summary>
internal static class PermutationImportance
{
    /// <summary>How many shuffles each feature's drop is averaged over.</summary>
    public const int DefaultRepeats = 3;

    /// <summary>The seed of the shuffles (feature <c>j</c> shuffles with <c>Seed + j</c>).</summary>
    public const int DefaultSeed = 20_240_601;

    /// <summary>The metric whose drop measures importance for <paramref name="task"/>.</summary>
    public static string MetricOf(MlTask task) => task == MlTask.BinaryClassification ? MetricNames.Of(Metric.Auc) : MetricNames.Of(Metric.R2);

    /// <summary>Computes every feature's importance.</summary>
    /// <param name="model">The trained model (input column <c>Features</c>).</param>
    /// <param name="matrix">The holdout's features, column-major: feature <c>j</c> of row <c>i</c> at <c>[j * rows + i]</c>. Not modified.</param>
    /// <param name="rows">How many holdout rows the matrix holds.</param>
    /// <param name="featureNames">The feature names, in vector order.</param>
    /// <param name="labels">Each holdout row's label (1/0 for binary classification).</param>
    /// <param name="task">The task, which picks the metric.</param>
    /// <param name="repeats">How many shuffles per feature.</param>
    /// <param name="seed">The shuffles' seed.</param>
    /// <param name="cancellationToken">Checked between scorings.</param>
    public static PermutationImportanceResult Compute(
        ITransformer model,
        float[] matrix,
        int rows,
        IReadOnlyList<string> featureNames,
        float[] labels,
        MlTask task,
        int repeats = DefaultRepeats,
        int seed = DefaultSeed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (labels.Length != rows)
        {
            throw new ArgumentException($"{labels.Length} labels for {rows} rows.", nameof(labels));
        }

        if (matrix.Length != (long)featureNames.Count * rows)
        {
            throw new ArgumentException($"The matrix has {matrix.Length} values; expected {featureNames.Count} features x {rows} rows.", nameof(matrix));
        }

        var baseline = Score(model, matrix, rows, featureNames, labels, task);
        var shuffled = (float[])matrix.Clone();
        var result = new FeatureImportance[featureNames.Count];
        for (var j = 0; j < featureNames.Count; j++)
        {
            var original = matrix.AsSpan(j * rows, rows);
            var column = shuffled.AsSpan(j * rows, rows);
            var random = new Random(unchecked(seed + j));
            var drops = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                original.CopyTo(column);
                Shuffle(column, random);
                drops[r] = baseline - Score(model, shuffled, rows, featureNames, labels, task);
            }

            original.CopyTo(column);
            var mean = drops.Average();
            var std = Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / drops.Length);
            result[j] = new FeatureImportance(featureNames[j], mean, std);
        }

        return new PermutationImportanceResult(MetricOf(task), baseline, repeats, result);
    }

    /// <summary>
    /// The headline metric of the model on the matrix's rows: AUC of the raw scores (the same ranking as the
    /// probabilities), or R2 of the predictions. Only the <c>Score</c> column is read, the one column both need.
    /// </summary>
    internal static double Score(ITransformer model, float[] matrix, int rows, IReadOnlyList<string> featureNames, float[] labels, MlTask task)
    {
        var view = new FeatureMatrixDataView(matrix, rows, featureNames, rows: null, labels: null, task);
        var scores = model.Transform(view).GetColumn<float>("Score").ToArray();
        return task == MlTask.BinaryClassification
            ? RocCurve.AreaUnder(scores, labels.Select(l => l > 0.5f).ToArray())
            : RSquared(scores, labels);
    }

    /// <summary>1 - SS_res / SS_tot; NaN when the labels do not vary.</summary>
    internal static double RSquared(IReadOnlyList<float> predicted, IReadOnlyList<float> actual)
    {
        if (actual.Count == 0)
        {
            return double.NaN;
        }

        var mean = actual.Average(a => (double)a);
        double residual = 0, total = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            residual += ((double)actual[i] - predicted[i]) * ((double)actual[i] - predicted[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }

        return total == 0 ? double.NaN : 1 - (residual / total);
    }

    private static void Shuffle(Span<float> values, Random random)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var k = random.Next(i + 1);
            (values[i], values[k]) = (values[k], values[i]);
        }
    }
}
