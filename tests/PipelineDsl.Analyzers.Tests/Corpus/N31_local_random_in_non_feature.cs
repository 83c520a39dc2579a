// expect: none
namespace Corpus;

public static class Augment
{
    private static readonly Random Rng = new(1);
    public static float Jitter() => (float)Rng.NextDouble();
}
[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Minutes(Customer c) => c.DayMinutes;
}
