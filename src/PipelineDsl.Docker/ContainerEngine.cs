using Docker.DotNet;
using Docker.DotNet.Models;

namespace PipelineDsl.Docker;

/// <summary>
/// A connection to a Docker Engine API endpoint (Docker itself, or Podman's <c>podman system service</c>), taken from
/// <c>DOCKER_HOST</c> (<c>unix:///path/to.sock</c> or <c>tcp://host:port</c>) unless an address is given.
/// </summary>
public sealed class ContainerEngine : IDisposable
{
    /// <summary>The socket Docker listens on when <c>DOCKER_HOST</c> is not set.</summary>
    public const string DefaultAddress = "unix:///var/run/docker.sock";

    private ContainerEngine(Uri address, DockerClient client)
    {
        Address = address;
        Client = client;
    }

    /// <summary>The endpoint this engine talks to.</summary>
    public Uri Address { get; }

    /// <summary>The underlying Docker.DotNet client.</summary>
    public DockerClient Client { get; }

    /// <summary>The address from <c>DOCKER_HOST</c>, or <see cref="DefaultAddress"/> when it is unset.</summary>
    public static string AddressFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable("DOCKER_HOST");
        return string.IsNullOrWhiteSpace(value) ? DefaultAddress : value.Trim();
    }

    /// <summary>Connects (lazily: nothing is sent until the first call) to <paramref name="address"/> or <c>DOCKER_HOST</c>.</summary>
    public static ContainerEngine Connect(string? address = null, TimeSpan? requestTimeout = null)
    {
        var uri = ParseAddress(address ?? AddressFromEnvironment());
        var configuration = new DockerClientConfiguration(uri, credentials: null, defaultTimeout: requestTimeout ?? TimeSpan.FromSeconds(100));
        return new ContainerEngine(uri, configuration.CreateClient());
    }

    /// <summary>Parses a <c>DOCKER_HOST</c> value; only unix sockets and tcp endpoints are supported.</summary>
    public static Uri ParseAddress(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{address}' is not a container engine address (expected unix:///path or tcp://host:port).", nameof(address));
        }

        return uri.Scheme switch
        {
            "unix" or "tcp" or "http" or "https" => uri,
            _ => throw new ArgumentException($"Unsupported container engine address scheme '{uri.Scheme}' in '{address}'.", nameof(address)),
        };
    }

    /// <summary>Sends <c>GET /_ping</c>.</summary>
    public Task PingAsync(CancellationToken cancellationToken = default) => Client.System.PingAsync(cancellationToken);

    /// <summary>Sends <c>GET /version</c>.</summary>
    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken = default) => Client.System.GetVersionAsync(cancellationToken);

    /// <summary>
    /// Probes the engine: <see langword="null"/> when it answers <c>/_ping</c> within <paramref name="timeout"/>,
    /// otherwise the reason it is not usable (for logs and for skipped tests).
    /// </summary>
    public async Task<string?> IsAvailableAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (Address.Scheme == "unix" && !File.Exists(Address.LocalPath))
        {
            return $"no container engine: the socket {Address.LocalPath} does not exist (set DOCKER_HOST; CI starts one with .ci/start-podman)";
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            await PingAsync(timeoutSource.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no container engine: {Address} did not answer /_ping within {(timeout ?? TimeSpan.FromSeconds(5)).TotalSeconds:0.#} s";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return $"no container engine at {Address}: {exception.GetBaseException().Message}";
        }
    }

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
