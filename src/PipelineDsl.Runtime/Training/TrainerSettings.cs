using System.Globalization;

namespace PipelineDsl.Runtime.Training;

/// <summary>A model's hyperparameters, parsed and checked.</summary>
/// <param name="Leaves">Maximum leaves per tree.</param>
/// <param name="LearningRate">Learning rate (shrinkage).</param>
/// <param name="Iterations">Boosting iterations (trees).</param>
/// <param name="MinimumExampleCountPerLeaf">Minimum examples in a leaf.</param>
public sealed record TrainerSettings(int? Leaves, double? LearningRate, int? Iterations, int? MinimumExampleCountPerLeaf)
{
    /// <summary>Parses <paramref name="model"/>'s hyperparameters (names case-insensitive).</summary>
    /// <exception cref="ArgumentException">A name is unknown (the message names it and the allowed names) or a value does not parse.</exception>
    public static TrainerSettings Parse(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        int? leaves = null, iterations = null, minimum = null;
        double? rate = null;
        foreach (var hp in model.Hyperparameters)
        {
            switch (hp.Name.ToLowerInvariant())
            {
                case "leaves":
                    leaves = PositiveInt(model, hp);
                    break;
                case "learningrate":
                    rate = PositiveDouble(model, hp);
                    break;
                case "iterations":
                case "trees":
                    iterations = PositiveInt(model, hp);
                    break;
                case "minimumexamplecountperleaf":
                    minimum = PositiveInt(model, hp);
                    break;
                default:
                    throw new ArgumentException(
                        $"Model {model.Name}: unknown hyperparameter '{hp.Name}' for {model.Trainer}; allowed (any case): " +
                        string.Join(", ", ModelTrainer.AllowedHyperparameters) + ".");
            }
        }

        return new TrainerSettings(leaves, rate, iterations, minimum);
    }

    private static int PositiveInt(ModelDefinition model, Hyperparameter hp)
    {
        if (int.TryParse(hp.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        // Accept integral floating-point spellings such as "31.0".
        if (double.TryParse(hp.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 && d == Math.Floor(d) && d <= int.MaxValue)
        {
            return (int)d;
        }

        throw new ArgumentException($"Model {model.Name}: hyperparameter '{hp.Name}' must be a positive integer; it is '{hp.Value}'.");
    }

    private static double PositiveDouble(ModelDefinition model, Hyperparameter hp)
    {
        if (double.TryParse(hp.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
        {
            return value;
        }

        throw new ArgumentException($"Model {model.Name}: hyperparameter '{hp.Name}' must be a positive number; it is '{hp.Value}'.");
    }
}
