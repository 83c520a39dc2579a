// expect: none
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float Bucket(House h) => StableHash(h.Neighborhood) % 32;
    private static uint StableHash(string s) { uint x = 2166136261; foreach (var ch in s) { x = (x ^ ch) * 16777619; } return x; }
    [Feature] public static float YearHash(House h) => h.YearBuilt.GetHashCode() % 10;
}
