using System;

namespace PipelineDsl;

/// <summary>
/// Declares a pipeline on a <c>static partial class</c>: the model to train, how to split its dataset, and the
/// gates to apply. The generator emits the DAG (ingest, validate, snapshot, features, split, train, evaluate,
/// gate, register) and a <c>Definition</c> property the host runs.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class PipelineAttribute : Attribute
{
    /// <summary>Creates the declaration.</summary>
    /// <param name="name">Stable pipeline name; also the registered model's name.</param>
    /// <param name="model">A class marked with <see cref="ModelAttribute"/>.</param>
    public PipelineAttribute(string name, Type model)
    {
        Name = name;
        Model = model;
    }

    /// <summary>Stable pipeline name.</summary>
    public string Name { get; }

    /// <summary>The model to train.</summary>
    public Type Model { get; }

    /// <summary>The split strategy.</summary>
    public SplitStrategy Split { get; set; } = SplitStrategy.Auto;

    /// <summary>Fraction of rows held out for evaluation, in (0, 1).</summary>
    public double HoldoutFraction { get; set; } = 0.2;

    /// <summary>Seed of the random split and of the trainer.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// For a time split: the first instant of the holdout (ISO 8601, e.g. <c>"2015-01-01"</c>). Rows at or after it are
    /// held out; <see cref="HoldoutFraction"/> is then ignored.
    /// </summary>
    public string? TimeCutoff { get; set; }

    /// <summary>
    /// Rolling-origin backtest folds (0: none). The holdout period of a time split is cut into this many consecutive
    /// test windows; fold <c>i</c> trains on every row before its window and is evaluated on it. Metrics per fold and
    /// their spread are stored with the run, and gates may require the worst fold to pass.
    /// </summary>
    public int BacktestFolds { get; set; }
}
