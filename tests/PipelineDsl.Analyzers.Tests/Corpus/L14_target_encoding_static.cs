// expect: PDSL006
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    private static readonly Dictionary<string, double> ChurnRateByState = Load()
        .GroupBy(c => c.State)
        .ToDictionary(g => g.Key, g => g.Average(c => c.Churn ? 1.0 : 0.0));
    private static List<Customer> Load() => new();
    [Feature] public static double StateChurnRate(Customer c) => ChurnRateByState.TryGetValue(c.State, out var r) ? r : 0.0;
}
