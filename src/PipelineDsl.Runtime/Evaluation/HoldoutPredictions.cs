using Microsoft.ML;
using Microsoft.ML.Data;
using PipelineDsl.Runtime.Training;

namespace PipelineDsl.Runtime.Evaluation;

/// <summary>The model's output for each holdout row, in holdout order (what slice, fairness and calibration rules need).</summary>
/// <param name="Scores">The raw score (regression: the prediction).</param>
/// <param name="Probabilities">The calibrated probability of the positive class (binary classification; empty otherwise).</param>
/// <param name="Predicted">The predicted class at threshold 0.5 (binary classification; empty otherwise).</param>
public sealed record HoldoutPredictions(float[] Scores, float[] Probabilities, bool[] Predicted)
{
    /// <summary>Scores <paramref name="holdout"/> with <paramref name="model"/>.</summary>
    public static HoldoutPredictions Score(ITransformer model, IDataView holdout, MlTask task)
    {
        ArgumentNullException.ThrowIfNull(model);
        var scored = model.Transform(holdout);
        var scores = scored.GetColumn<float>("Score").ToArray();
        return task == MlTask.BinaryClassification
            ? new HoldoutPredictions(scores, scored.GetColumn<float>("Probability").ToArray(), scored.GetColumn<bool>("PredictedLabel").ToArray())
            : new HoldoutPredictions(scores, [], []);
    }
}
