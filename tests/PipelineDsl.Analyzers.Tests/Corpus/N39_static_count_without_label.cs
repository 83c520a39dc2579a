// expect: PDSL004
namespace Corpus;

// A plain statistic over all rows is PDSL004, not a target statistic: the label is not read.
[FeatureSet(typeof(Customer))]
public static partial class F
{
    private static readonly List<Customer> All = new();
    private static readonly Dictionary<string, int> CustomersByPlan = All.GroupBy(c => c.Plan).ToDictionary(g => g.Key, g => g.Count());

    [Feature] public static float PlanSize(Customer c) => CustomersByPlan.TryGetValue(c.Plan, out var n) ? n : 0;
}
