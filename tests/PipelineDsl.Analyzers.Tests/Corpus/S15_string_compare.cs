// expect: PDSL102
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float EarlyState(Customer c) => string.Compare(c.State, "M", true) < 0 ? 1f : 0f;
}
