using PipelineDsl.Runtime.Evaluation;

namespace PipelineDsl.Runtime.Execution;

/// <summary>The model failed at least one gate; the run ends <see cref="PipelineRunStatus.FailedGate"/>.</summary>
public sealed class GateFailedException : Exception
{
    /// <summary>Creates the exception from the verdicts.</summary>
    public GateFailedException(IReadOnlyList<GateVerdict> verdicts)
        : base("Gate failed: " + string.Join("; ", verdicts.Where(v => !v.Passed).Select(v => v.Message)))
    {
        Verdicts = verdicts;
    }

    /// <summary>Every verdict (passed and failed).</summary>
    public IReadOnlyList<GateVerdict> Verdicts { get; }
}
