using System.Net;
using System.Text.Json;

namespace PipelineDsl.IntegrationTests.Serving;

/// <summary><c>export serving</c> writes a project that builds with warnings as errors, runs, and serves the churn model.</summary>
[Collection(ServingCollection.Name)]
public sealed class ExportServingTests(ServedChurnStore fixture)
{
    [Fact]
    public async Task The_exported_serving_project_builds_runs_and_answers_ready_and_predict()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);

        // Beside the sample (inside the repository, so its build settings and package versions apply), removed after.
        var folder = Path.Combine(SampleData.RepositoryRoot, "samples", "ChurnPrediction.serving-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var sampleProject = Path.Combine(SampleData.RepositoryRoot, "samples", "ChurnPrediction", "ChurnPrediction.csproj");
            var (exportCode, exported) = await SampleProcess.RunAsync(
                SampleProcess.SampleDll("ChurnPrediction"), ["export", "serving", "--project", sampleProject, "--output", folder]);
            Assert.True(exportCode == 0, exported);
            var project = Path.Combine(folder, "ChurnPrediction.ChurnService.Serving.csproj");
            Assert.True(File.Exists(project), exported);
            var dockerfile = File.ReadAllText(Path.Combine(folder, "Dockerfile"));
            Assert.Contains("ENTRYPOINT [\"dotnet\", \"ChurnPrediction.ChurnService.Serving.dll\", \"--urls\", \"http://0.0.0.0:8080\", \"--store\", \"/store\"]", dockerfile, StringComparison.Ordinal);
            Assert.Contains($"RUN dotnet publish \"samples/{Path.GetFileName(folder)}/ChurnPrediction.ChurnService.Serving.csproj\"", dockerfile, StringComparison.Ordinal);

            // The pipeline project is built already (this test project depends on it): build the serving project alone.
            var (buildCode, built) = await DotnetCli.RunAsync(["build", project, "-c", SampleProcess.Configuration, "-nologo", "-v", "q", "--no-dependencies", "-warnaserror"]);
            Assert.True(buildCode == 0, built);

            var port = ServeChurnTests.FreePort();
            using var server = SampleProcess.Start(
                Path.Combine(folder, "bin", SampleProcess.Configuration, "net10.0", "ChurnPrediction.ChurnService.Serving.dll"),
                ["--store", store, "--urls", $"http://127.0.0.1:{port}"]);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServeChurnTests.WaitReadyAsync(client, server);
            var response = await client.PostAsync("/predict", ServeChurnTests.Json(ChurnRequests.Body(0)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("churn", json.RootElement.GetProperty("model").GetString());
            Assert.InRange(json.RootElement.GetProperty("probability").GetSingle(), 0f, 1f);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
