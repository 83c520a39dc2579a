// expect: PDSL101
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static int Age(House h) => CurrentYear() - h.YearBuilt;
    private static int CurrentYear() => DateTime.UtcNow.Year;
}
