namespace PipelineDsl.Runtime.Execution;

/// <summary>How a run ended.</summary>
public enum PipelineRunStatus
{
    /// <summary>Still executing.</summary>
    Running,
    /// <summary>Every node ran; the model passed its gates and was registered.</summary>
    Succeeded,
    /// <summary>The data failed to parse or validate; nothing was trained or registered.</summary>
    FailedValidation,
    /// <summary>The model was trained and evaluated but failed a gate; nothing was registered.</summary>
    FailedGate,
    /// <summary>A node threw.</summary>
    Failed,
    /// <summary>The run was cancelled.</summary>
    Cancelled,
}
