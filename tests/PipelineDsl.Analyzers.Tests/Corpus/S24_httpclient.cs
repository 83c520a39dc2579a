// expect: PDSL104
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    private static readonly HttpClient Client = new();
    [Feature] public static float Index(House h) => Client.GetStringAsync("https://example.org/index/" + h.Neighborhood).Result.Length;
}
