using PipelineDsl.Docker;

namespace PipelineDsl.DockerTests;

public sealed class ExitCodeTests
{
    [Theory]
    [InlineData(0, ContainerExitKind.Succeeded)]
    [InlineData(1, ContainerExitKind.Failed)]
    [InlineData(3, ContainerExitKind.Failed)]
    [InlineData(125, ContainerExitKind.EngineError)]
    [InlineData(126, ContainerExitKind.NotExecutable)]
    [InlineData(127, ContainerExitKind.CommandNotFound)]
    [InlineData(134, ContainerExitKind.Crashed)]
    [InlineData(139, ContainerExitKind.Crashed)]
    [InlineData(137, ContainerExitKind.Killed)]
    [InlineData(143, ContainerExitKind.Terminated)]
    public void Exit_codes_map_to_their_meaning(long code, ContainerExitKind kind) =>
        Assert.Equal(kind, ContainerRunResult.Classify(code));

    [Fact]
    public void A_failure_keeps_its_tail_and_a_success_drops_it()
    {
        ContainerLogLine[] lines = [new(ContainerStream.StandardError, "boom")];

        var failed = new ContainerRunResult("id", 3, lines);
        var succeeded = new ContainerRunResult("id", 0, lines);

        Assert.False(failed.Succeeded);
        Assert.Equal(lines, failed.Tail);
        Assert.Equal("exit code 3 (Failed)", failed.Describe());
        Assert.True(succeeded.Succeeded);
        Assert.Empty(succeeded.Tail);
    }

    [Fact]
    public void Engine_addresses_accept_unix_and_tcp_only()
    {
        Assert.Equal("unix", ContainerEngine.ParseAddress("unix:///run/pipelinedsl/podman.sock").Scheme);
        Assert.Equal("tcp", ContainerEngine.ParseAddress("tcp://127.0.0.1:2375").Scheme);
        Assert.Throws<ArgumentException>(() => ContainerEngine.ParseAddress("npipe:////./pipe/docker_engine"));
    }

    [Fact]
    public async Task A_missing_socket_gives_a_reason_instead_of_throwing()
    {
        using var engine = ContainerEngine.Connect("unix:///nonexistent/engine.sock");

        var reason = await engine.IsAvailableAsync(TimeSpan.FromSeconds(2));

        Assert.NotNull(reason);
        Assert.Contains("/nonexistent/engine.sock", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_context_hash_depends_on_content_only()
    {
        var a = new ImageContext("FROM x\nCOPY a.txt /a.txt\n").Add("a.txt", "one");
        var b = new ImageContext("FROM x\nCOPY a.txt /a.txt\n").Add("a.txt", "one");
        var c = new ImageContext("FROM x\nCOPY a.txt /a.txt\n").Add("a.txt", "two");

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
        Assert.Equal(ImageBuilder.TagFor("localhost/t", a), ImageBuilder.TagFor("localhost/t", b));
        Assert.Equal(["Dockerfile", "a.txt"], a.Paths);
    }
}
