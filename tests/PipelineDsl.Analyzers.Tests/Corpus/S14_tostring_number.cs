// expect: PDSL102
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float AreaDigits(House h) => h.GrLivArea.ToString("F1").Length;
}
