// expect: PDSL101
namespace Corpus;

[FeatureSet(typeof(StationDay))]
public static partial class F
{
    [Feature] public static float DaysAgo(StationDay d) => (float)(DateTimeOffset.UtcNow - new DateTimeOffset(d.Date)).TotalDays;
}
