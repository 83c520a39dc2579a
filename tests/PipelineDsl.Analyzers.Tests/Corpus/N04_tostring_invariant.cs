// expect: none
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float AreaDigits(House h) => h.GrLivArea.ToString(CultureInfo.InvariantCulture).Length;
    [Feature] public static float YearDigits(House h) => h.YearBuilt.ToString("D4", CultureInfo.InvariantCulture).Length;
}
