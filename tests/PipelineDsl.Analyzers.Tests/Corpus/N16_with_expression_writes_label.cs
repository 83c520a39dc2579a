// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Copy(Customer c) { var masked = c with { Churn = false }; return masked.DayMinutes; }
}
