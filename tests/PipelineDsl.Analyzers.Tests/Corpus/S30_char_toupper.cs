// expect: PDSL102
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float StartsWithN(Customer c) => c.State.Length > 0 && char.ToUpper(c.State[0]) == 'N' ? 1f : 0f;
}
