using System.Text.Json;
using System.Text.Json.Serialization;

namespace PipelineDsl.Runtime.Tests.Monitoring;

/// <summary>Monitoring/Fixtures/scipy-fixtures.json: samples and SciPy 1.10's statistics on them (see make_fixtures.py).</summary>
public sealed class ScipyFixtures
{
    private static readonly Lazy<ScipyFixtures> Loaded = new(Load);

    public static ScipyFixtures Instance => Loaded.Value;

    [JsonPropertyName("scipy")]
    public string Scipy { get; init; } = "";

    [JsonPropertyName("numeric")]
    public List<NumericCase> Numeric { get; init; } = [];

    [JsonPropertyName("kstwo")]
    public List<KstwoPoint> Kstwo { get; init; } = [];

    [JsonPropertyName("categorical")]
    public List<CategoricalCase> Categorical { get; init; } = [];

    private static ScipyFixtures Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Monitoring", "Fixtures", "scipy-fixtures.json");
        return JsonSerializer.Deserialize<ScipyFixtures>(File.ReadAllText(path))
               ?? throw new InvalidOperationException($"{path} is empty");
    }
}

public sealed class NumericCase
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("reference")] public double[] Reference { get; init; } = [];
    [JsonPropertyName("current")] public double[] Current { get; init; } = [];
    [JsonPropertyName("ks_statistic")] public double KsStatistic { get; init; }
    [JsonPropertyName("ks_pvalue")] public double KsPValue { get; init; }
    [JsonPropertyName("ks_effective_n")] public int KsEffectiveN { get; init; }
    [JsonPropertyName("wasserstein")] public double Wasserstein { get; init; }
    [JsonPropertyName("js_bins")] public int JsBins { get; init; }
    [JsonPropertyName("js_edges")] public double[] JsEdges { get; init; } = [];
    [JsonPropertyName("js_reference_counts")] public long[] JsReferenceCounts { get; init; } = [];
    [JsonPropertyName("js_current_counts")] public long[] JsCurrentCounts { get; init; } = [];
    [JsonPropertyName("jensenshannon")] public double JensenShannon { get; init; }
    [JsonPropertyName("psi_bins")] public int PsiBins { get; init; }
    [JsonPropertyName("psi_edges")] public double[] PsiEdges { get; init; } = [];
    [JsonPropertyName("psi_reference_counts")] public long[] PsiReferenceCounts { get; init; } = [];
    [JsonPropertyName("psi_current_counts")] public long[] PsiCurrentCounts { get; init; } = [];
    [JsonPropertyName("psi")] public double Psi { get; init; }
}

public sealed class KstwoPoint
{
    [JsonPropertyName("n")] public int N { get; init; }
    [JsonPropertyName("d")] public double D { get; init; }
    [JsonPropertyName("sf")] public double Sf { get; init; }
}

public sealed class CategoricalCase
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("reference")] public Dictionary<string, long> Reference { get; init; } = [];
    [JsonPropertyName("current")] public Dictionary<string, long> Current { get; init; } = [];
    [JsonPropertyName("categories")] public string[] Categories { get; init; } = [];
    [JsonPropertyName("unseen")] public string[] Unseen { get; init; } = [];
    [JsonPropertyName("statistic")] public double Statistic { get; init; }
    [JsonPropertyName("pvalue")] public double PValue { get; init; }
    [JsonPropertyName("dof")] public int DegreesOfFreedom { get; init; }
}
