using PipelineDsl.Runtime.Training;

namespace PipelineDsl.Runtime.Tests.Training;

public class DatasetSplitterTests
{
    private static float[] Labels(int positives, int negatives) =>
        Enumerable.Range(0, positives + negatives).Select(i => i % (positives + negatives) < positives ? 1f : 0f).ToArray();

    [Theory]
    [InlineData(SplitStrategy.Auto, MlTask.BinaryClassification, true, SplitStrategy.Time)]
    [InlineData(SplitStrategy.Auto, MlTask.BinaryClassification, false, SplitStrategy.Stratified)]
    [InlineData(SplitStrategy.Auto, MlTask.Regression, false, SplitStrategy.Random)]
    [InlineData(SplitStrategy.Random, MlTask.BinaryClassification, true, SplitStrategy.Random)]
    public void Auto_resolution(SplitStrategy declared, MlTask task, bool hasTimestamp, SplitStrategy expected) =>
        Assert.Equal(expected, DatasetSplitter.Resolve(declared, task, hasTimestamp));

    [Fact]
    public void Stratified_keeps_class_ratios()
    {
        var labels = Labels(100, 900);
        var split = DatasetSplitter.Split(SplitStrategy.Stratified, 0.2, 7, labels);
        Assert.Equal(200, split.Test.Length);
        Assert.Equal(800, split.Train.Length);
        Assert.Equal(20, split.Test.Count(i => labels[i] == 1f));
        Assert.Equal(80, split.Train.Count(i => labels[i] == 1f));
        Assert.Empty(split.Train.Intersect(split.Test));
        Assert.Equal(split.Test.Order(), split.Test);
        Assert.Equal(split.Train.Order(), split.Train);
    }

    [Fact]
    public void Rounds_the_holdout_per_class()
    {
        var labels = Labels(5, 8); // 0.3 * 5 = 1.5 -> 2 ; 0.3 * 8 = 2.4 -> 2
        var split = DatasetSplitter.Split(SplitStrategy.Stratified, 0.3, 1, labels);
        Assert.Equal(2, split.Test.Count(i => labels[i] == 1f));
        Assert.Equal(2, split.Test.Count(i => labels[i] == 0f));
    }

    [Fact]
    public void Deterministic_for_a_seed_and_different_across_seeds()
    {
        var labels = Labels(300, 700);
        var a = DatasetSplitter.Split(SplitStrategy.Random, 0.25, 42, labels);
        var b = DatasetSplitter.Split(SplitStrategy.Random, 0.25, 42, labels);
        var c = DatasetSplitter.Split(SplitStrategy.Random, 0.25, 43, labels);
        Assert.Equal(a.Test, b.Test);
        Assert.Equal(a.Train, b.Train);
        Assert.NotEqual(a.Test, c.Test);
        Assert.Equal(250, a.Test.Length);
    }

    [Fact]
    public void Time_split_takes_the_latest_rows_as_holdout()
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        // Rows are out of time order in the file: row i has day (i * 7) % 10.
        var times = Enumerable.Range(0, 10).Select(i => start.AddDays((i * 7) % 10)).ToArray();
        var labels = new float[10];
        var split = DatasetSplitter.Split(SplitStrategy.Time, 0.3, 0, labels, times);
        var latest = times.Select((t, i) => (t, i)).OrderByDescending(p => p.t).Take(3).Select(p => p.i).Order().ToArray();
        Assert.Equal(latest, split.Test);
        Assert.True(split.Train.Max(i => times[i]) < split.Test.Min(i => times[i]));
        Assert.Equal(SplitStrategy.Time, split.Strategy);
    }

    [Fact]
    public void Time_split_without_timestamps_is_an_error() =>
        Assert.Throws<ArgumentException>(() => DatasetSplitter.Split(SplitStrategy.Time, 0.2, 0, new float[5]));

    [Fact]
    public void Fraction_out_of_range_is_an_error() =>
        Assert.Throws<ArgumentException>(() => DatasetSplitter.Split(SplitStrategy.Random, 1.5, 0, new float[5]));
}
