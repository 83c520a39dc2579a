using Xunit.Abstractions;
using System.Diagnostics;
using PipelineDsl.Docker;

namespace PipelineDsl.DockerTests;

/// <summary>Against the real engine from DOCKER_HOST, in the base image .ci/start-podman builds.</summary>
[Collection(EngineCollection.Name)]
public sealed class EngineIntegrationTests(ITestOutputHelper output) : IDisposable
{
    private readonly ContainerEngine engine = ContainerEngine.Connect();

    public void Dispose() => engine.Dispose();

    [EngineFact]
    public async Task The_engine_answers_ping_and_version()
    {
        await engine.PingAsync();
        var version = await engine.VersionAsync();

        output.WriteLine($"engine {version.Version}, API {version.APIVersion}");
        Assert.Null(await engine.IsAvailableAsync());
        Assert.False(string.IsNullOrEmpty(version.APIVersion));
    }

    [EngineFact]
    public async Task A_failing_command_streams_both_streams_and_returns_its_exit_code_and_tail()
    {
        var lines = new List<ContainerLogLine>();
        var run = new ContainerRun(engine, output.WriteLine);

        var result = await run.RunAsync(
            new ContainerRunSpec { Image = EngineProbe.BaseImage, Command = ["/bin/sh", "-c", "echo hello; echo oops 1>&2; exit 3"] },
            line => { lock (lines) { lines.Add(line); } });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(ContainerExitKind.Failed, result.Kind);
        Assert.Contains(new ContainerLogLine(ContainerStream.StandardOutput, "hello"), lines);
        Assert.Contains(new ContainerLogLine(ContainerStream.StandardError, "oops"), lines);
        Assert.Contains(new ContainerLogLine(ContainerStream.StandardOutput, "hello"), result.Tail);
        Assert.Contains(new ContainerLogLine(ContainerStream.StandardError, "oops"), result.Tail);
        await AssertRemovedAsync(result.ContainerId);
    }

    [EngineFact]
    public async Task The_tail_keeps_the_last_forty_lines()
    {
        var result = await new ContainerRun(engine).RunAsync(new ContainerRunSpec
        {
            Image = EngineProbe.BaseImage,
            Command = ["/bin/sh", "-c", "i=1; while [ $i -le 100 ]; do echo line$i; i=$((i+1)); done; exit 1"],
        });

        Assert.Equal(ContainerRunResult.TailLines, result.Tail.Count);
        Assert.Equal("line61", result.Tail[0].Text);
        Assert.Equal("line100", result.Tail[^1].Text);
    }

    [EngineFact]
    public async Task A_successful_command_with_env_workdir_and_a_bind_mount_writes_to_the_host()
    {
        var store = Directory.CreateTempSubdirectory("pipelinedsl-store-");
        try
        {
            var lines = new List<string>();
            var result = await new ContainerRun(engine, output.WriteLine).RunAsync(
                new ContainerRunSpec
                {
                    Image = EngineProbe.BaseImage,
                    Command = ["/bin/sh", "-c", "pwd; echo \"$GREETING\" > out.txt"],
                    Environment = new Dictionary<string, string> { ["GREETING"] = "from the container" },
                    Binds = [$"{store.FullName}:/store"],
                    WorkingDirectory = "/store",
                    Gpus = GpuRequest.All, // falls back to CPU (with a log line) where the machine has no NVIDIA GPU
                },
                line => lines.Add(line.Text));

            Assert.True(result.Succeeded, string.Join('\n', result.Tail));
            Assert.Empty(result.Tail);
            Assert.Contains("/store", lines);
            Assert.Equal("from the container\n", await File.ReadAllTextAsync(Path.Combine(store.FullName, "out.txt")));
        }
        finally
        {
            store.Delete(recursive: true);
        }
    }

    [EngineFact]
    public async Task Cancelling_a_sleep_60_stops_and_removes_the_container_within_seconds()
    {
        var name = $"pipelinedsl-cancel-{Guid.NewGuid():N}";
        using var cancellation = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var run = new ContainerRun(engine, output.WriteLine);
        var task = run.RunAsync(
            new ContainerRunSpec { Image = EngineProbe.BaseImage, Command = ["/bin/sh", "-c", "echo started; exec sleep 60"], Name = name },
            line => { if (line.Text == "started") { started.TrySetResult(); } },
            cancellation.Token);

        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        output.WriteLine($"stopped and removed {clock.Elapsed.TotalSeconds:0.0} s after the cancel");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed} after the cancel");
        var containers = await engine.Client.Containers.ListContainersAsync(new() { All = true });
        Assert.DoesNotContain(containers, c => c.Names.Any(n => n.TrimStart('/') == name));
    }

    [EngineFact]
    public async Task The_image_builder_builds_a_context_once_and_reuses_it()
    {
        var marker = Guid.NewGuid().ToString("N");
        ImageContext Context() => new ImageContext($"FROM {EngineProbe.BaseImage}\nCOPY hello.txt /opt/hello.txt\n").Add("hello.txt", $"hello {marker}\n");
        var builder = new ImageBuilder(engine, output.WriteLine);

        var first = await builder.BuildAsync("localhost/pipelinedsl-test", Context());
        try
        {
            var second = await builder.BuildAsync("localhost/pipelinedsl-test", Context());

            Assert.True(first.Built);
            Assert.False(second.Built);
            Assert.Equal(first.Tag, second.Tag);
            Assert.EndsWith(":" + Context().ContentHash[..ImageBuilder.TagHashLength], first.Tag, StringComparison.Ordinal);

            var lines = new List<string>();
            var result = await new ContainerRun(engine).RunAsync(new ContainerRunSpec { Image = first.Tag, Command = ["cat", "/opt/hello.txt"] }, line => lines.Add(line.Text));
            Assert.True(result.Succeeded);
            Assert.Equal([$"hello {marker}"], lines);
        }
        finally
        {
            await engine.Client.Images.DeleteImageAsync(first.Tag, new() { Force = true });
        }
    }

    private async Task AssertRemovedAsync(string id)
    {
        var containers = await engine.Client.Containers.ListContainersAsync(new() { All = true });
        Assert.DoesNotContain(containers, c => c.ID == id);
    }
}
