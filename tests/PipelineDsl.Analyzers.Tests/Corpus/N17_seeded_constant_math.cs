// expect: none
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static double LogArea(House h) => Math.Log(1 + h.GrLivArea);
    [Feature] public static float Age(House h) => h.YearSold - h.YearBuilt;
}
