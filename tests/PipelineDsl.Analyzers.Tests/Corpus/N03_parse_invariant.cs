// expect: none
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float SaleMonth(House h) => DateTime.Parse(h.SaleDate, CultureInfo.InvariantCulture).Month;
    [Feature] public static float SaleYear(House h) => DateTime.ParseExact(h.SaleDate, "yyyy-MM-dd", CultureInfo.InvariantCulture).Year;
}
