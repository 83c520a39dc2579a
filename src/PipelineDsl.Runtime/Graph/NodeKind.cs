namespace PipelineDsl.Runtime.Graph;

/// <summary>The kind of a pipeline DAG node.</summary>
public enum NodeKind
{
    /// <summary>Reads the dataset's source through the generated reader.</summary>
    Ingest,
    /// <summary>Applies the dataset's declared rules.</summary>
    Validate,
    /// <summary>Stores the source bytes once, content-addressed by SHA-256.</summary>
    Snapshot,
    /// <summary>Computes the feature matrix through the generated batch function.</summary>
    Features,
    /// <summary>Splits rows into training and holdout.</summary>
    Split,
    /// <summary>Fits the model on the training rows.</summary>
    Train,
    /// <summary>Computes holdout metrics.</summary>
    Evaluate,

    /// <summary>Rolling-origin backtest: train and evaluate once per fold, moving forward in time.</summary>
    Backtest,
    /// <summary>Applies the promotion rules.</summary>
    Gate,
    /// <summary>Registers the model version with its lineage.</summary>
    Register,
}
