using PipelineDsl.Docker;

namespace PipelineDsl.DockerTests;

/// <summary>
/// A fact that needs a container engine (DOCKER_HOST) with the base image: skipped, with the reason, when the probe
/// (run once per test run) finds none. Never a silent pass.
/// </summary>
public sealed class EngineFactAttribute : FactAttribute
{
    public EngineFactAttribute()
    {
        if (EngineProbe.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>Probes DOCKER_HOST once: whether an engine answers and has the base image.</summary>
public static class EngineProbe
{
    public const string BaseImage = "localhost/pipelinedsl-base:trixie";

    private static readonly Lazy<string?> Reason = new(Probe);

    public static string? SkipReason => Reason.Value;

    private static string? Probe()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return "DOCKER_HOST is not set: no container engine to test against (CI starts Podman with .ci/start-podman)";
        }

        try
        {
            using var engine = ContainerEngine.Connect();
            var reason = engine.IsAvailableAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            if (reason is not null)
            {
                return reason;
            }

            return new ImageBuilder(engine).ExistsAsync(BaseImage).GetAwaiter().GetResult()
                ? null
                : $"the engine at {engine.Address} has no {BaseImage} image (.ci/start-podman builds it)";
        }
        catch (Exception exception)
        {
            return $"container engine probe failed: {exception.GetBaseException().Message}";
        }
    }
}
