// expect: PDSL104
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Blocked(Customer c) => File.ReadAllLines("blocked_states.txt").Contains(c.State) ? 1f : 0f;
}
