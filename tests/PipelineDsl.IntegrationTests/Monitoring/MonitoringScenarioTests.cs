using System.Net;
using System.Text.Json;
using ChurnPrediction;
using PipelineDsl.IntegrationTests.Serving;
using PipelineDsl.Runtime.Store;
using Xunit.Abstractions;

namespace PipelineDsl.IntegrationTests.Monitoring;

/// <summary>
/// The drift scenarios on the churn sample, through the CLI: (a) no drift, (b) covariate drift in two inputs, (c)
/// concept drift seen through delayed labels, with <c>watch</c> retraining and the gates deciding both ways.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class MonitoringScenarioTests(ServedChurnStore fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task No_drift_fifty_windows_raise_no_alert()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        var traffic = ChurnTraffic.Write(temp.Combine("traffic.csv"), 50_000, ChurnTraffic.Drift.None, seed: 1);

        var result = await Cli("monitor", "--input", traffic, "--store", store, "--json");
        Assert.True(result.ExitCode == 0, result.All);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(50, json.RootElement.GetProperty("windows").GetArrayLength());
        Assert.Empty(json.RootElement.GetProperty("alerts").EnumerateArray());
        output.WriteLine("no drift, 50 windows x 1,000 rows, every feature and the prediction: " + Rates(json.RootElement, _ => true, _ => true));
    }

    [Fact]
    public async Task Covariate_drift_in_two_inputs_alerts_for_exactly_those_features_in_the_first_drifted_window()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        var before = ChurnTraffic.Write(temp.Combine("before.csv"), 5_000, ChurnTraffic.Drift.None, seed: 2);
        var after = ChurnTraffic.Write(temp.Combine("after.csv"), 5_000, ChurnTraffic.Drift.Covariate, seed: 3);
        var traffic = temp.Combine("traffic.csv");
        File.WriteAllLines(traffic, File.ReadAllLines(before).Concat(File.ReadAllLines(after).Skip(1)));

        var result = await Cli("monitor", "--input", traffic, "--store", store, "--json");
        Assert.True(result.ExitCode == 4, result.All);
        using var json = JsonDocument.Parse(result.Output);
        var alerts = json.RootElement.GetProperty("alerts").EnumerateArray()
            .Select(a => (Kind: a.GetProperty("kind").GetString(), Window: a.GetProperty("window").GetInt32(), Subject: a.GetProperty("subject").GetString()))
            .ToArray();
        Assert.DoesNotContain(alerts, a => a.Window <= 5);
        var drifted = alerts.Where(a => a.Kind == "drift").Select(a => a.Subject).ToHashSet();
        Assert.Equal(["EveCalls", "NightMinutes"], drifted.Order());
        Assert.Contains(alerts, a => a.Kind == "drift" && a.Window == 6 && a.Subject == "NightMinutes");
        Assert.Contains(alerts, a => a.Kind == "drift" && a.Window == 6 && a.Subject == "EveCalls");
        output.WriteLine("covariate drift from window 6: " + string.Join(", ", alerts.Where(a => a.Window == 6).Select(a => $"{a.Kind}:{a.Subject}")));
        output.WriteLine("detection power, drifted features in drifted windows: " + Rates(json.RootElement, w => w > 5, f => f is "NightMinutes" or "EveCalls"));
        output.WriteLine("false alarms, other features in drifted windows: " + Rates(json.RootElement, w => w > 5, f => f is not ("NightMinutes" or "EveCalls" or "prediction")));
    }

    [Fact]
    public async Task Concept_drift_is_seen_in_delayed_labels_and_watch_retrains_and_the_gates_decide_both_ways()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        var folder = Directory.CreateDirectory(temp.Combine("incoming")).FullName;

        // A segment whose outcome no longer follows the features: the live AUC decays, watch retrains, and the
        // challenger cannot reach the AUC gate on such data, so the champion stays and the audit log says why.
        ChurnTraffic.Write(Path.Combine(folder, "2026-11-01.csv"), 3_000, ChurnTraffic.Drift.ConceptShuffledForNoVoiceMail, seed: 4);
        var kept = await Cli("watch", "--data-folder", folder, "--once", "--store", store);
        Assert.True(kept.ExitCode == 4, kept.All);
        Assert.Contains("ALERT decay auc", kept.Output, StringComparison.Ordinal);
        Assert.Contains("kept v1: v3 retrained after", kept.Output, StringComparison.Ordinal);
        Assert.Equal(1, Production(store));
        using (var registry = PipelineStore.Open(store))
        {
            var keep = registry.ListAudit("churn").Last();
            Assert.Equal((AuditRecord.KeepAction, "watch", 3), (keep.Action, keep.Actor, keep.Version));
            Assert.Contains("failed", keep.Reason, StringComparison.Ordinal);
        }

        // Everyone's outcome inverted: a relationship a new model can learn. Its challenger passes every gate
        // (no-regression against v1 included) and replaces the champion.
        ChurnTraffic.Write(Path.Combine(folder, "2026-11-02.csv"), 3_000, ChurnTraffic.Drift.ConceptInvertedForEveryone, seed: 5);
        var promoted = await Cli("watch", "--data-folder", folder, "--once", "--store", store);
        Assert.True(promoted.ExitCode == 4, promoted.All);
        Assert.DoesNotContain("2026-11-01.csv", promoted.Output, StringComparison.Ordinal);
        Assert.Contains("promoted churn v4 to production (was v1)", promoted.Output, StringComparison.Ordinal);
        Assert.Equal(4, Production(store));
        output.WriteLine(kept.Output);
        output.WriteLine(promoted.Output);
    }

    [Fact]
    public async Task Alerts_reach_a_webhook_with_the_window_feature_rule_and_numbers()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        var traffic = ChurnTraffic.Write(temp.Combine("traffic.csv"), 1_000, ChurnTraffic.Drift.Covariate, seed: 6);
        var port = ServeChurnTests.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var received = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            context.Response.StatusCode = 204;
            context.Response.Close();
            return body;
        });

        var result = await Cli("monitor", "--input", traffic, "--store", store, "--webhook", $"http://127.0.0.1:{port}/hook/");
        Assert.True(result.ExitCode == 4, result.All);
        var payload = await received.WaitAsync(TimeSpan.FromSeconds(30));
        using var json = JsonDocument.Parse(payload);
        Assert.Equal("churn", json.RootElement.GetProperty("pipeline").GetString());
        var alert = json.RootElement.GetProperty("alerts").EnumerateArray().First(a => a.GetProperty("subject").GetString() == "NightMinutes");
        Assert.Equal(1, alert.GetProperty("window").GetInt32());
        Assert.Equal("drift", alert.GetProperty("kind").GetString());
        Assert.True(alert.GetProperty("value").ValueKind == JsonValueKind.Number);
        Assert.Contains("NightMinutes drifted", alert.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static int? Production(string store)
    {
        using var registry = PipelineStore.Open(store);
        return registry.GetStageVersion("churn", ModelStages.Production)?.Version;
    }

    /// <summary>How often each test, alone, crossed its threshold over the chosen windows and columns.</summary>
    private static string Rates(JsonElement report, Func<int, bool> windows, Func<string, bool> columns)
    {
        int tests = 0, psi = 0, ks = 0, js = 0, chi = 0;
        foreach (var window in report.GetProperty("windows").EnumerateArray().Where(w => windows(w.GetProperty("number").GetInt32())))
        {
            foreach (var feature in window.GetProperty("features").EnumerateObject().Where(f => columns(f.Name)))
            {
                tests++;
                psi += feature.Value.GetProperty("psi").GetDouble() > 0.2 ? 1 : 0;
                js += feature.Value.GetProperty("js").GetDouble() > 0.2 ? 1 : 0;
                ks += feature.Value.TryGetProperty("ksPValue", out var k) && k.GetDouble() < 1e-4 ? 1 : 0;
                chi += feature.Value.TryGetProperty("chiSquarePValue", out var c) && c.GetDouble() < 1e-4 ? 1 : 0;
            }
        }

        return $"{tests} column-windows; crossed: psi {psi}, ks {ks}, js {js}, chi-square {chi}";
    }

    private static Task<CliRunner.CliResult> Cli(params string[] args) => CliRunner.RunAsync(ChurnPipeline.Definition, args);
}
