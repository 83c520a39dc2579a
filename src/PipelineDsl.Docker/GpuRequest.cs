using Docker.DotNet.Models;

namespace PipelineDsl.Docker;

/// <summary>
/// The GPUs a containerised node asks for, turned into the Engine API's <c>HostConfig.DeviceRequests</c>
/// (what <c>docker run --gpus all</c> or <c>--gpus N</c> sends).
/// </summary>
public sealed record GpuRequest
{
    /// <summary>The <c>Count</c> value that means every GPU on the machine.</summary>
    public const long AllGpus = -1;

    private GpuRequest(long count) => Count = count;

    /// <summary>How many GPUs: <see cref="AllGpus"/> (-1) or a positive number.</summary>
    public long Count { get; }

    /// <summary>Every GPU on the machine (<c>--gpus all</c>).</summary>
    public static GpuRequest All { get; } = new(AllGpus);

    /// <summary><paramref name="count"/> GPUs (<c>--gpus N</c>).</summary>
    public static GpuRequest Exactly(int count) =>
        count > 0 ? new GpuRequest(count) : throw new ArgumentOutOfRangeException(nameof(count), count, "A GPU request needs at least one GPU.");

    /// <summary>The device requests for the container's host config: one NVIDIA request with the <c>gpu</c> capability.</summary>
    public IList<DeviceRequest> ToDeviceRequests() =>
    [
        new DeviceRequest
        {
            Driver = "nvidia",
            Count = Count,
            Capabilities = [["gpu"]],
        },
    ];

    /// <summary>
    /// The device requests to use for a node that wants <paramref name="request"/> on this machine: the request when
    /// <paramref name="detection"/> finds an NVIDIA GPU, otherwise none (the node runs on CPU) with a log line saying so.
    /// </summary>
    public static IList<DeviceRequest>? Resolve(GpuRequest? request, GpuDetection detection, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(detection);
        if (request is null)
        {
            return null;
        }

        if (detection.HasNvidiaGpu)
        {
            return request.ToDeviceRequests();
        }

        log?.Invoke($"GPU requested but none found ({detection.Reason}); running on CPU.");
        return null;
    }
}
