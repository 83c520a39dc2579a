// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Spend(Customer c) { float? s = c.DayCharge > 0 ? c.DayCharge : null; return s ?? 0f; }
}
