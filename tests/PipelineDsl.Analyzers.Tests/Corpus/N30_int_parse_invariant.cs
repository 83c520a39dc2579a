// expect: none
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float SaleYear(House h) => int.TryParse(h.SaleDate.AsSpan(0, 4), NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : 0;
}
