// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    private static readonly Dictionary<string, int> Region = new(StringComparer.Ordinal) { ["CA"] = 1, ["NY"] = 2, ["TX"] = 3 };
    private static readonly string[] Coastal = { "CA", "OR", "WA" };
    [Feature] public static float RegionCode(Customer c) => Region.TryGetValue(c.State, out var r) ? r : 0;
    [Feature] public static float IsCoastal(Customer c) => Array.IndexOf(Coastal, c.State) >= 0 ? 1f : 0f;
}
