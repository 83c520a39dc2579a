// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    private static readonly Random Rng = new(3);
    public static IEnumerable<Customer> Shuffle(IEnumerable<Customer> rows) => rows.OrderBy(_ => Rng.Next());
    [Feature] public static float Calls(Customer c) => c.ServiceCalls;
}
