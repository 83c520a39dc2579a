using Docker.DotNet;
using Docker.DotNet.Models;

namespace PipelineDsl.Docker;

/// <summary>
/// Builds images through <c>POST /build</c> from an in-memory <see cref="ImageContext"/>, tagged with the context's
/// content hash: a context already built (the tag exists) is reused, not rebuilt.
/// </summary>
public sealed class ImageBuilder
{
    /// <summary>The number of hash characters in the tag.</summary>
    public const int TagHashLength = 16;

    private readonly ContainerEngine engine;
    private readonly Action<string>? log;

    /// <summary>Creates a builder on <paramref name="engine"/>; <paramref name="log"/> receives the build output.</summary>
    public ImageBuilder(ContainerEngine engine, Action<string>? log = null)
    {
        this.engine = engine ?? throw new ArgumentNullException(nameof(engine));
        this.log = log;
    }

    /// <summary>The tag <paramref name="context"/> gets: <c>REPOSITORY:HASH</c>.</summary>
    public static string TagFor(string repository, ImageContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentNullException.ThrowIfNull(context);
        return $"{repository}:{context.ContentHash[..TagHashLength]}";
    }

    /// <summary>Whether the engine has an image named <paramref name="tag"/>.</summary>
    public async Task<bool> ExistsAsync(string tag, CancellationToken cancellationToken = default)
    {
        try
        {
            await engine.Client.Images.InspectImageAsync(tag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Builds <paramref name="context"/> as <c>REPOSITORY:HASH</c> unless that image exists already.</summary>
    public async Task<ImageBuildResult> BuildAsync(string repository, ImageContext context, CancellationToken cancellationToken = default)
    {
        var tag = TagFor(repository, context);
        if (await ExistsAsync(tag, cancellationToken).ConfigureAwait(false))
        {
            log?.Invoke($"image {tag}: present, not rebuilt");
            return new ImageBuildResult(tag, Built: false);
        }

        var output = new List<string>();
        var errors = new List<string>();
        var progress = new SynchronousProgress(message =>
        {
            if (!string.IsNullOrEmpty(message.Stream))
            {
                foreach (var line in message.Stream.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    output.Add(line);
                    log?.Invoke(line);
                }
            }

            var error = message.Error?.Message ?? message.ErrorMessage;
            if (!string.IsNullOrEmpty(error))
            {
                errors.Add(error);
                log?.Invoke(error);
            }
        });

        using var tar = context.ToTar();
        var parameters = new ImageBuildParameters
        {
            Tags = [tag],
            Dockerfile = "Dockerfile",
            Remove = true,
            ForceRemove = true,
            Labels = new Dictionary<string, string> { ["org.pipelinedsl.context-sha256"] = context.ContentHash },
        };
        await engine.Client.Images.BuildImageFromDockerfileAsync(parameters, tar, authConfigs: null, headers: null, progress, cancellationToken).ConfigureAwait(false);

        if (errors.Count > 0 || !await ExistsAsync(tag, cancellationToken).ConfigureAwait(false))
        {
            var detail = errors.Count > 0 ? string.Join("; ", errors) : string.Join(Environment.NewLine, output.TakeLast(20));
            throw new InvalidOperationException($"Building image {tag} failed: {detail}");
        }

        return new ImageBuildResult(tag, Built: true);
    }

    /// <summary>Reports on the calling thread (System.Progress would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress(Action<JSONMessage> report) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value) => report(value);
    }
}
