namespace PipelineDsl.Runtime.Prediction;

/// <summary>What a binary classifier outputs.</summary>
internal sealed class BinaryModelOutput
{
    public float Score;

    public float Probability;

    public bool PredictedLabel;
}
