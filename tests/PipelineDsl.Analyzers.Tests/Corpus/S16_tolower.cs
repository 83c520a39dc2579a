// expect: PDSL102
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float IsOldTown(House h) => h.Neighborhood.ToLower() == "oldtown" ? 1f : 0f;
}
