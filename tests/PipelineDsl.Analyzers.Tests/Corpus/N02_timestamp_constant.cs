// expect: none
namespace Corpus;

[FeatureSet(typeof(StationDay))]
public static partial class F
{
    private static readonly DateTime LineOpened = new(2006, 1, 1);
    [Feature] public static float AfterOpening(StationDay d) => d.Date >= LineOpened ? 1f : 0f;
    [Feature] public static float IsPost2010(StationDay d) => d.Date > new DateTime(2010, 1, 1) ? 1f : 0f;
}
