// expect: PDSL006
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    private static readonly List<Customer> Training = new();
    private static readonly Dictionary<string, float> ChurnRateByPlan = Rates(Training);

    private static Dictionary<string, float> Rates(IEnumerable<Customer> rows) =>
        rows.GroupBy(c => c.Plan).ToDictionary(g => g.Key, g => g.Count(c => c.Churn) / (float)g.Count());

    [Feature] public static float PlanChurnRate(Customer c) => ChurnRateByPlan.TryGetValue(c.Plan, out var r) ? r : 0f;
}
