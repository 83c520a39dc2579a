// expect: none
namespace Corpus;

[FeatureSet(typeof(StationDay))]
public static partial class F
{
    [Feature] public static float DowLength(StationDay d) => d.Date.DayOfWeek.ToString().Length + d.Station.ToString().Length;
}
