// expect: none
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float Frontage(House h) => h.LotFrontage ?? 0f;
    [Feature] public static float FrontageOrMedian(House h) => h.LotFrontage.GetValueOrDefault(69f);
}
