namespace PipelineDsl.Runtime;

/// <summary>What a column means to the pipeline besides its value.</summary>
[Flags]
public enum ColumnRole
{
    /// <summary>An ordinary input column.</summary>
    None = 0,
    /// <summary>The entity key.</summary>
    Key = 1,
    /// <summary>The training target.</summary>
    Label = 2,
    /// <summary>The observation time.</summary>
    Timestamp = 4,
    /// <summary>Known only after prediction time.</summary>
    NotAvailableAtPrediction = 8,
}
