// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float LabelLength(Customer c) => c.Plan.Length;
}
