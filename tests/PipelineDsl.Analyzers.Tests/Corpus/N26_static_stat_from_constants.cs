// expect: none
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    private static readonly float[] Breaks = { 1000f, 1500f, 2000f, 3000f };
    private static readonly float MaxBreak = Breaks.Max();
    [Feature] public static float AreaBin(House h) => Array.FindIndex(Breaks, b => h.GrLivArea < b);
    [Feature] public static float AreaRel(House h) => h.GrLivArea / MaxBreak;
}
