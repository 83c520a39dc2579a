// expect: none
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float Digits(House h) => CountDigits((int)h.GrLivArea);
    private static float CountDigits(int n) => n < 10 ? 1 : 1 + CountDigits(n / 10);
}
