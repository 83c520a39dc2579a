namespace PipelineDsl;

/// <summary>How a pipeline splits its dataset into training and holdout rows.</summary>
public enum SplitStrategy
{
    /// <summary>Time-based when the dataset declares a timestamp, otherwise stratified for classification and random for regression.</summary>
    Auto = 0,
    /// <summary>Seeded random split.</summary>
    Random = 1,
    /// <summary>Seeded random split that keeps the label's class ratio in both parts.</summary>
    Stratified = 2,
    /// <summary>The latest rows by timestamp form the holdout.</summary>
    Time = 3,
}
