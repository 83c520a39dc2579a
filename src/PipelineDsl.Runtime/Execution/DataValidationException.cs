using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime.Execution;

/// <summary>The dataset could not be found, read or validated; the run ends <see cref="PipelineRunStatus.FailedValidation"/>.</summary>
public sealed class DataValidationException : Exception
{
    /// <summary>Creates the exception from an error report.</summary>
    public DataValidationException(string message, DataErrorReport report)
        : base(message)
    {
        Report = report;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DataValidationException(string message)
        : this(message, DataErrorReport.Empty)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public DataValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Report = DataErrorReport.Empty;
    }

    /// <summary>The bad cells and failed rules (empty when the failure was not per cell).</summary>
    public DataErrorReport Report { get; }
}
