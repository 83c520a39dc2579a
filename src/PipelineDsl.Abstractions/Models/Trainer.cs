namespace PipelineDsl;

/// <summary>The ML.NET trainer that fits a model.</summary>
public enum Trainer
{
    /// <summary>Gradient-boosted trees with LightGBM.</summary>
    LightGbm = 0,

    /// <summary>Gradient-boosted trees with ML.NET's FastTree.</summary>
    FastTree = 1,
}
