// expect: PDSL002
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float AppraisalRatio(House h) => Ratio(h);
    private static float Ratio(House h) => h.AppraisedValue / Math.Max(1f, h.GrLivArea);
}
