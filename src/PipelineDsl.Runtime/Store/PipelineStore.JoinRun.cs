namespace PipelineDsl.Runtime.Store;

public sealed partial class PipelineStore
{
    /// <summary>
    /// Joins the run <paramref name="runId"/> of <paramref name="pipeline"/>, creating it (with that id, <c>running</c>)
    /// when absent: the steps of one logical run, each in its own process, share it. An existing run is this process's
    /// now, <c>running</c> again until its last node completes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run exists and is another pipeline's.</exception>
    public void JoinRun(string runId, string pipeline)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        lock (_gate)
        {
            using (var existing = Query("SELECT pipeline FROM runs WHERE id = @id", ("@id", runId)))
            {
                if (existing.ExecuteScalar() is string owner)
                {
                    if (!string.Equals(owner, pipeline, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"Run {runId} is pipeline {owner}'s, not {pipeline}'s.");
                    }

                    Execute(
                        "UPDATE runs SET status = 'running', pid = @pid, host = @host, finished_utc = NULL WHERE id = @id",
                        ("@pid", Environment.ProcessId), ("@host", Environment.MachineName), ("@id", runId));
                    return;
                }
            }

            Execute(
                "INSERT INTO runs (id, pipeline, status, started_utc, pid, host) VALUES (@id, @pipeline, 'running', @started, @pid, @host) ON CONFLICT (id) DO NOTHING",
                ("@id", runId), ("@pipeline", pipeline), ("@started", FormatTime(DateTime.UtcNow)), ("@pid", Environment.ProcessId), ("@host", Environment.MachineName));
        }
    }
}
