// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float IsPremium(Customer c) => string.Equals(c.Plan, "Premium", StringComparison.OrdinalIgnoreCase) ? 1f : 0f;
    [Feature] public static float StartsN(Customer c) => c.State.StartsWith("N", StringComparison.Ordinal) ? 1f : 0f;
}
