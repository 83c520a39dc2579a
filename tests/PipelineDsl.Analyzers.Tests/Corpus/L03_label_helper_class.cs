// expect: PDSL001
namespace Corpus;

public static class HouseHelpers
{
    public static float PricePerSqFt(House h) => h.SalePrice / h.GrLivArea;
}
[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float Ppsf(House h) => HouseHelpers.PricePerSqFt(h);
}
