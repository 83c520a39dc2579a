// expect: PDSL004
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    private static readonly House[] All = Array.Empty<House>();
    private static readonly float MeanArea = All.Average(h => h.GrLivArea);
    [Feature] public static float AreaZ(House h) => h.GrLivArea - MeanArea;
}
