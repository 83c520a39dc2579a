// expect: none
namespace Corpus;

[FeatureSet(typeof(StationDay))]
public static partial class F
{
    [Feature] public static float Dow(StationDay d) => (float)d.Date.DayOfWeek;
    [Feature] public static float Weekend(StationDay d) => d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1f : 0f;
    [Feature] public static float Quarter(StationDay d) => (d.Date.Month - 1) / 3 + 1;
    [Feature] public static float DaysInMonth(StationDay d) => DateTime.DaysInMonth(d.Date.Year, d.Date.Month);
}
