namespace PipelineDsl.Runtime.Training;

/// <summary>The column names the runtime's data views and models use.</summary>
public static class FeatureMatrixColumns
{
    /// <summary>The feature vector column.</summary>
    public const string Features = "Features";

    /// <summary>The label column.</summary>
    public const string Label = "Label";
}
