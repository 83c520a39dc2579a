namespace PipelineDsl.Runtime.Prediction;

/// <summary>The prediction engine's input: the feature vector (its size is set at run time by a schema definition).</summary>
internal sealed class ModelFeaturesInput
{
    public float[] Features = [];
}
