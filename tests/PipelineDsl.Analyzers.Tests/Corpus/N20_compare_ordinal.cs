// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Early(Customer c) => string.CompareOrdinal(c.State, "M") < 0 ? 1f : 0f;
    [Feature] public static float Early2(Customer c) => string.Compare(c.State, "M", StringComparison.Ordinal) < 0 ? 1f : 0f;
}
