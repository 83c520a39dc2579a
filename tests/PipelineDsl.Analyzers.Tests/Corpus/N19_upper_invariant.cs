// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float IsCa(Customer c) => c.State.ToUpperInvariant() == "CA" ? 1f : 0f;
    [Feature] public static float IsNy(Customer c) => c.State.ToLower(CultureInfo.InvariantCulture) == "ny" ? 1f : 0f;
}
