// expect: PDSL103
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    private static int seen;
    [Feature] public static float Order(Customer c) => seen++;
}
