// expect: PDSL106
namespace Corpus;

[FeatureSet(typeof(StationDay))]
public static partial class F
{
    [Feature] public static float UtcOffsetHours(StationDay d) => Offset(d.Date);

    private static float Offset(DateTime when) => (float)TimeZoneInfo.Local.GetUtcOffset(when).TotalHours;
}
