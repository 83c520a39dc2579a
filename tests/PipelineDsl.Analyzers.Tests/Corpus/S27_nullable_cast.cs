// expect: PDSL105
namespace Corpus;

[FeatureSet(typeof(StationDay))]
public static partial class F
{
    [Feature] public static float Temp(StationDay d) => (float)d.Temperature;
}
