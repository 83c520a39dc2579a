// expect: PDSL103
namespace Corpus;

public static class Tuning { public static float Scale { get; set; } = 1f; }
[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float Area(House h) => Scale(h.GrLivArea);
    private static float Scale(float x) => x * Tuning.Scale;
}
