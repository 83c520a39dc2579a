// expect: PDSL001
namespace Corpus;

public static class RideExtensions
{
    public static float RidersPerDegree(this StationDay d) => d.Riders / 20f;
}
[FeatureSet(typeof(StationDay))]
public static partial class F
{
    [Feature] public static float Rpd(StationDay d) => d.RidersPerDegree();
}
