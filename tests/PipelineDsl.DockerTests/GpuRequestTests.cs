using PipelineDsl.Docker;

namespace PipelineDsl.DockerTests;

public sealed class GpuRequestTests
{
    [Fact]
    public void All_gpus_is_one_nvidia_request_with_count_minus_one_and_the_gpu_capability()
    {
        var requests = GpuRequest.All.ToDeviceRequests();

        var request = Assert.Single(requests);
        Assert.Equal("nvidia", request.Driver);
        Assert.Equal(-1, request.Count);
        var capabilities = Assert.Single(request.Capabilities);
        Assert.Equal(["gpu"], capabilities);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_fixed_number_of_gpus_sets_the_count(int count)
    {
        var request = Assert.Single(GpuRequest.Exactly(count).ToDeviceRequests());

        Assert.Equal("nvidia", request.Driver);
        Assert.Equal(count, request.Count);
        Assert.Equal(["gpu"], Assert.Single(request.Capabilities));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_request_needs_at_least_one_gpu(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GpuRequest.Exactly(count));

    [Fact]
    public void Without_a_gpu_the_node_falls_back_to_cpu_with_a_log_line()
    {
        var lines = new List<string>();

        var requests = GpuRequest.Resolve(GpuRequest.All, new GpuDetection(false, "/dev/nvidia0 is missing"), lines.Add);

        Assert.Null(requests);
        Assert.Contains(lines, line => line.Contains("running on CPU", StringComparison.Ordinal) && line.Contains("/dev/nvidia0 is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void With_a_gpu_the_request_is_passed_on()
    {
        var requests = GpuRequest.Resolve(GpuRequest.Exactly(2), new GpuDetection(true, "test"));

        Assert.Equal(2, Assert.Single(requests!).Count);
    }

    [Fact]
    public void The_create_parameters_carry_the_device_requests_when_a_gpu_is_present()
    {
        using var engine = ContainerEngine.Connect("unix:///nonexistent/engine.sock");
        var run = new ContainerRun(engine, gpuDetection: new GpuDetection(true, "test"));

        var parameters = run.CreateParameters(new ContainerRunSpec
        {
            Image = "img",
            Command = ["/bin/true"],
            Environment = new Dictionary<string, string> { ["A"] = "1" },
            Binds = ["/var/store:/store"],
            WorkingDirectory = "/store",
            Gpus = GpuRequest.All,
        });

        Assert.Equal("host", parameters.HostConfig.NetworkMode);
        Assert.Equal(["/var/store:/store"], parameters.HostConfig.Binds);
        Assert.Equal(["A=1"], parameters.Env);
        Assert.Equal("/store", parameters.WorkingDir);
        Assert.Equal("nvidia", Assert.Single(parameters.HostConfig.DeviceRequests).Driver);
    }

    [Fact]
    public void Detection_without_the_device_node_or_nvidia_smi_finds_no_gpu()
    {
        var detection = GpuDetection.Detect("/nonexistent/nvidia0", "/nonexistent/nvidia-smi");

        Assert.False(detection.HasNvidiaGpu);
        Assert.Contains("not installed", detection.Reason, StringComparison.Ordinal);
    }
}
