// expect: PDSL101
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float NeighborhoodBucket(House h) => Math.Abs(h.Neighborhood.GetHashCode()) % 32;
}
