using System.Diagnostics;
using System.Text;

namespace PipelineDsl.Docker;

/// <summary>
/// The image a .NET app runs in as a container: the app published self-contained for linux-x64, copied to
/// <c>/app</c> on a locally built base image, and tagged with the content hash of everything in it, so an unchanged app
/// is never rebuilt. No registry is involved: the base image is made locally (<c>.ci/start-podman</c> builds it with
/// debootstrap) and nothing is pulled.
/// </summary>
public static class AppImage
{
    /// <summary>The base image <c>.ci/start-podman</c> builds: Debian 13 (trixie) minbase with ICU and CA certificates.</summary>
    public const string DefaultBaseImage = "localhost/pipelinedsl-base:trixie";

    /// <summary>The runtime identifier images are published for.</summary>
    public const string RuntimeIdentifier = "linux-x64";

    /// <summary>The folder the app is copied to in the image.</summary>
    public const string AppFolder = "/app";

    /// <summary>
    /// Publishes <paramref name="projectPath"/> self-contained for linux-x64 (Release) into <paramref name="outputDirectory"/>
    /// with <c>dotnet publish</c>; <paramref name="log"/> receives its output. Throws with the tail of that output when
    /// the publish fails.
    /// </summary>
    public static async Task PublishAsync(string projectPath, string outputDirectory, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        if (!File.Exists(projectPath))
        {
            throw new FileNotFoundException($"The project '{projectPath}' does not exist: there is nothing to publish into an image.", projectPath);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "publish", projectPath, "-c", "Release", "-r", RuntimeIdentifier, "--self-contained", "true",
            "-o", outputDirectory, "-nologo", "-v", "q", "-clp:NoSummary", "-p:UseAppHost=true",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var output = new StringBuilder();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"Publishing '{projectPath}' needs the .NET SDK (dotnet on PATH): {exception.Message}. Or pass an already published folder or a built image.", exception);
        }

        using (process)
        {
            void Collect(object sender, DataReceivedEventArgs e)
            {
                if (e.Data is { Length: > 0 } line)
                {
                    lock (output)
                    {
                        output.AppendLine(line);
                    }

                    log?.Invoke(line);
                }
            }

            process.OutputDataReceived += Collect;
            process.ErrorDataReceived += Collect;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                var text = output.ToString();
                throw new InvalidOperationException($"dotnet publish of '{projectPath}' failed (exit code {process.ExitCode}): {text[Math.Max(0, text.Length - 4000)..]}");
            }
        }
    }

    /// <summary>
    /// The build context for <paramref name="publishDirectory"/> (a self-contained linux-x64 publish whose executable is
    /// <paramref name="entryPoint"/>) on <paramref name="baseImage"/>.
    /// </summary>
    /// <remarks>
    /// <paramref name="baseImageId"/> (the engine's id of the base image) goes into the Dockerfile as a label, so the
    /// content hash, and with it the tag, changes when the base image is rebuilt under the same name.
    /// </remarks>
    public static ImageContext Context(string publishDirectory, string entryPoint, string baseImage = DefaultBaseImage, string? baseImageId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entryPoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseImage);
        if (!IsSelfContainedLinux(publishDirectory))
        {
            throw new InvalidOperationException(
                $"'{publishDirectory}' is not a self-contained linux-x64 publish (no libcoreclr.so): publish with `dotnet publish -r {RuntimeIdentifier} --self-contained`.");
        }

        if (!File.Exists(Path.Combine(publishDirectory, entryPoint)))
        {
            throw new FileNotFoundException($"The publish folder '{publishDirectory}' has no executable '{entryPoint}'.", Path.Combine(publishDirectory, entryPoint));
        }

        var dockerfile = $"""
            FROM {baseImage}
            LABEL org.pipelinedsl.base-image-id="{baseImageId ?? "unknown"}"
            COPY app/ {AppFolder}/
            ENV DOTNET_RUNNING_IN_CONTAINER=true
            WORKDIR {AppFolder}
            ENTRYPOINT ["{AppFolder}/{entryPoint}"]

            """;
        return new ImageContext(dockerfile).AddDirectory("app", publishDirectory);
    }

    /// <summary>
    /// Builds (or finds, by content hash) the image for <paramref name="publishDirectory"/> as
    /// <c>localhost/pipelinedsl/ENTRYPOINT:HASH</c>. A missing base image is an error that says how to make it.
    /// </summary>
    public static async Task<ImageBuildResult> BuildAsync(
        ContainerEngine engine, string publishDirectory, string entryPoint, string baseImage = DefaultBaseImage, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var builder = new ImageBuilder(engine, log);
        string baseImageId;
        try
        {
            baseImageId = (await engine.Client.Images.InspectImageAsync(baseImage, cancellationToken).ConfigureAwait(false)).ID;
        }
        catch (global::Docker.DotNet.DockerImageNotFoundException)
        {
            throw new InvalidOperationException(
                $"The base image '{baseImage}' is not on the container engine at {engine.Address}. No registry is used: build it locally " +
                "(`.ci/start-podman` makes it with debootstrap and `podman import`), or name another with --base-image.");
        }

        return await builder.BuildAsync(RepositoryFor(entryPoint), Context(publishDirectory, entryPoint, baseImage, baseImageId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The image repository for an app: <c>localhost/pipelinedsl/NAME</c>, lower-case, with only <c>[a-z0-9._-]</c>.</summary>
    public static string RepositoryFor(string entryPoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entryPoint);
        var name = new string(entryPoint.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray()).Trim('.', '_', '-');
        return "localhost/pipelinedsl/" + (name.Length == 0 ? "app" : name);
    }

    /// <summary>Whether <paramref name="directory"/> holds a self-contained linux-x64 .NET app (it carries the runtime).</summary>
    public static bool IsSelfContainedLinux(string directory) =>
        Directory.Exists(directory) && File.Exists(Path.Combine(directory, "libcoreclr.so"));

    /// <summary>
    /// The project that built the app in <paramref name="appBaseDirectory"/>: the first <c>ASSEMBLY.csproj</c> found
    /// walking up from it (<c>bin/CONFIGURATION/TFM/</c> sits three levels below the project), or
    /// <see langword="null"/>.
    /// </summary>
    public static string? FindProject(string appBaseDirectory, string assemblyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assemblyName);
        for (var directory = new DirectoryInfo(appBaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, assemblyName + ".csproj");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
