// expect: PDSL004
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    private static IEnumerable<House> Rows() => Enumerable.Empty<House>();
    private static float MedianYear { get; } = ComputeMedian();
    private static float ComputeMedian() { var years = Rows().Select(h => (float)h.YearBuilt).OrderBy(y => y).ToArray(); return years.Length == 0 ? 0f : years[years.Length / 2]; }
    [Feature] public static float NewerThanMedian(House h) => h.YearBuilt > MedianYear ? 1f : 0f;
}
