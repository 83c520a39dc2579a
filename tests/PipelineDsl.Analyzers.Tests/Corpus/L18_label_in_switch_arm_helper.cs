// expect: PDSL001
namespace Corpus;

public static class Scores
{
    // A helper in a switch expression arm: the label is two names away from the feature.
    public static float Weight(Customer c) => c.Plan switch { "gold" => Penalty(c), _ => 1f };
    private static float Penalty(Customer c) => c.Churn ? 0f : 2f;
}

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Weighted(Customer c) => c.DayMinutes * Scores.Weight(c);
}
