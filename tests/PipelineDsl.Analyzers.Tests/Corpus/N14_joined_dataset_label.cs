// expect: none
namespace Corpus;

[FeatureSet(typeof(StationDay))]
[AsOfJoin(typeof(NetworkDay), Lag = "1d")]
public static partial class F
{
    [Feature] public static float NetworkYesterday(StationDay d, NetworkDay? n) => n?.Total ?? float.NaN;
}
