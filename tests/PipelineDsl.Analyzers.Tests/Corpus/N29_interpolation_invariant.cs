// expect: none
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float KeyLength(House h) => string.Create(CultureInfo.InvariantCulture, $"{h.Neighborhood}:{h.YearBuilt}").Length;
}
