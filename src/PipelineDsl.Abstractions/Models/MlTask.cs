namespace PipelineDsl;

/// <summary>The learning task of a model.</summary>
public enum MlTask
{
    /// <summary>Two classes; the label is a <see cref="bool"/>.</summary>
    BinaryClassification = 0,

    /// <summary>A numeric target.</summary>
    Regression = 1,
}
