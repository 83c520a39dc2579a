// expect: none
namespace Corpus;

[FeatureSet(typeof(StationDay))]
public static partial class F
{
    [Feature] public static float Temp(StationDay d) => d.Temperature.HasValue ? d.Temperature.Value : float.NaN;
    [Feature] public static float Warm(StationDay d) { if (d.Temperature is null) return 0f; return (float)d.Temperature > 20f ? 1f : 0f; }
    [Feature] public static float Known(StationDay d) => d.Temperature != null ? (float)d.Temperature : -1f;
}
