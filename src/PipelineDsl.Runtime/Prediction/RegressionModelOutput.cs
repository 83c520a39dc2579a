namespace PipelineDsl.Runtime.Prediction;

/// <summary>What a regression model outputs.</summary>
internal sealed class RegressionModelOutput
{
    public float Score;
}
