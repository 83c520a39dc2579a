// expect: PDSL105
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float Frontage(House h) => h.LotFrontage.Value;
}
