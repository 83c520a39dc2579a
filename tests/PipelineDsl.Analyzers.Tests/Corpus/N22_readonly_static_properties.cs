// expect: none
namespace Corpus;

public static class Tuning { public static float Scale { get; } = 1.5f; public static float Offset => 2f; }
[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float Scaled(House h) => h.GrLivArea * Tuning.Scale + Tuning.Offset;
}
