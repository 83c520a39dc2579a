// expect: none
namespace Corpus;

[FeatureSet(typeof(StationDay))]
public static partial class F
{
    private static readonly Dictionary<string, string> Lines = new() { ["Clark/Lake"] = "Loop" };
    [Feature] public static float InLoop(StationDay d) => Lines.TryGetValue(d.Station, out var l) && l == "Loop" ? 1f : 0f;
}
