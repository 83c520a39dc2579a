// expect: PDSL102
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float SaleMonth(House h) => ParseDate(h.SaleDate).Month;
    private static DateTime ParseDate(string s) => DateTime.Parse(s);
}
