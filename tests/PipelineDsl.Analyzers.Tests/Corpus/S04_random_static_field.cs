// expect: PDSL101
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    private static readonly Random Rng = new(42);
    [Feature] public static float Jitter(Customer c) => c.DayMinutes + (float)Rng.NextDouble();
}
