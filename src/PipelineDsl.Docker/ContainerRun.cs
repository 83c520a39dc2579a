using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace PipelineDsl.Docker;

/// <summary>
/// Runs one command in a container through the Engine API: create, start, stream its stdout/stderr lines while it
/// runs, wait for its exit, remove it. Cancelling stops the container, removes it, then throws.
/// </summary>
public sealed class ContainerRun
{
    private static readonly TimeSpan LogDrainGrace = TimeSpan.FromSeconds(5);
    private readonly ContainerEngine engine;
    private readonly Action<string>? log;
    private readonly GpuDetection gpuDetection;

    /// <summary>Creates a runner on <paramref name="engine"/>; <paramref name="log"/> receives diagnostics (e.g. the CPU fallback).</summary>
    public ContainerRun(ContainerEngine engine, Action<string>? log = null, GpuDetection? gpuDetection = null)
    {
        this.engine = engine ?? throw new ArgumentNullException(nameof(engine));
        this.log = log;
        this.gpuDetection = gpuDetection ?? GpuDetection.Current;
    }

    /// <summary>The create parameters the engine receives for <paramref name="spec"/>.</summary>
    public CreateContainerParameters CreateParameters(ContainerRunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new CreateContainerParameters
        {
            Image = spec.Image,
            Name = spec.Name,
            Cmd = spec.Command.Count == 0 ? null : [.. spec.Command],
            Env = [.. spec.Environment.Select(pair => $"{pair.Key}={pair.Value}")],
            WorkingDir = spec.WorkingDirectory,
            User = spec.User,
            AttachStdout = true,
            AttachStderr = true,
            Tty = false,
            HostConfig = new HostConfig
            {
                Binds = [.. spec.Binds],
                NetworkMode = spec.NetworkMode,
                DeviceRequests = GpuRequest.Resolve(spec.Gpus, gpuDetection, log),
            },
        };
    }

    /// <summary>Runs <paramref name="spec"/> to completion; <paramref name="onLine"/> gets each log line as it is written.</summary>
    public async Task<ContainerRunResult> RunAsync(ContainerRunSpec spec, Action<ContainerLogLine>? onLine = null, CancellationToken cancellationToken = default)
    {
        var parameters = CreateParameters(spec);
        cancellationToken.ThrowIfCancellationRequested();

        CreateContainerResponse created;
        try
        {
            created = await engine.Client.Containers.CreateContainerAsync(parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException exception)
        {
            throw new InvalidOperationException($"The image '{spec.Image}' is not present on the container engine at {engine.Address} (images are built locally, not pulled).", exception);
        }

        var id = created.ID;
        var tail = new Queue<ContainerLogLine>(ContainerRunResult.TailLines);
        void Collect(ContainerLogLine line)
        {
            lock (tail)
            {
                if (tail.Count == ContainerRunResult.TailLines)
                {
                    tail.Dequeue();
                }

                tail.Enqueue(line);
            }

            onLine?.Invoke(line);
        }

        using var logsStop = new CancellationTokenSource();
        Task? logs = null;
        try
        {
            await engine.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            logs = StreamLogsAsync(id, Collect, logsStop.Token);
            var waited = await engine.Client.Containers.WaitContainerAsync(id, cancellationToken).ConfigureAwait(false);

            // Let the follow stream deliver what is left after the exit; it ends by itself when the container has stopped.
            if (await Task.WhenAny(logs, Task.Delay(LogDrainGrace, CancellationToken.None)).ConfigureAwait(false) != logs)
            {
                log?.Invoke($"container {Short(id)}: the log stream did not end {LogDrainGrace.TotalSeconds:0} s after exit; closing it");
            }

            logsStop.Cancel();
            await Quietly(logs).ConfigureAwait(false);
            ContainerLogLine[] lines;
            lock (tail)
            {
                lines = [.. tail];
            }

            return new ContainerRunResult(id, waited.StatusCode, lines);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log?.Invoke($"container {Short(id)}: cancelled; stopping it");
            await StopAsync(id, spec.StopGracePeriod).ConfigureAwait(false);
            throw;
        }
        finally
        {
            logsStop.Cancel();
            if (logs is not null)
            {
                await Quietly(logs).ConfigureAwait(false);
            }

            await RemoveAsync(id).ConfigureAwait(false);
        }
    }

    private async Task StreamLogsAsync(string id, Action<ContainerLogLine> onLine, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true };
        using var stream = await engine.Client.Containers.GetContainerLogsAsync(id, tty: false, parameters, cancellationToken).ConfigureAwait(false);
        var stdout = new LineSplitter(ContainerStream.StandardOutput, onLine);
        var stderr = new LineSplitter(ContainerStream.StandardError, onLine);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            if (read.EOF)
            {
                break;
            }

            (read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout).Append(buffer.AsSpan(0, read.Count));
        }

        stdout.Flush();
        stderr.Flush();
    }

    private async Task StopAsync(string id, TimeSpan grace)
    {
        try
        {
            using var timeout = new CancellationTokenSource(grace + TimeSpan.FromSeconds(15));
            await engine.Client.Containers.StopContainerAsync(
                id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Max(0, grace.TotalSeconds) }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DockerApiException or OperationCanceledException or HttpRequestException)
        {
            log?.Invoke($"container {Short(id)}: stop failed ({exception.Message}); it will be force-removed");
        }
    }

    private async Task RemoveAsync(string id)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (Exception exception) when (exception is DockerApiException or OperationCanceledException or HttpRequestException)
        {
            log?.Invoke($"container {Short(id)}: remove failed ({exception.Message})");
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or DockerApiException or HttpRequestException or ObjectDisposedException)
        {
        }
    }

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    /// <summary>Cuts one demultiplexed stream into lines, decoding UTF-8 across frame boundaries.</summary>
    private sealed class LineSplitter(ContainerStream stream, Action<ContainerLogLine> onLine)
    {
        private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();
        private readonly StringBuilder pending = new();

        public void Append(ReadOnlySpan<byte> bytes)
        {
            var chars = new char[decoder.GetCharCount(bytes, flush: false)];
            decoder.GetChars(bytes, chars, flush: false);
            foreach (var c in chars)
            {
                if (c == '\n')
                {
                    Emit();
                }
                else
                {
                    pending.Append(c);
                }
            }
        }

        public void Flush()
        {
            var chars = new char[decoder.GetCharCount([], flush: true)];
            decoder.GetChars([], chars, flush: true);
            pending.Append(chars);
            if (pending.Length > 0)
            {
                Emit();
            }
        }

        private void Emit()
        {
            if (pending.Length > 0 && pending[^1] == '\r')
            {
                pending.Length--;
            }

            onLine(new ContainerLogLine(stream, pending.ToString()));
            pending.Clear();
        }
    }
}
