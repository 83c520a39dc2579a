// expect: PDSL004
namespace Corpus;

public static class Stats
{
    public static readonly float MaxMinutes;
    static Stats()
    {
        var rows = File.Exists("x") ? new List<Customer>() : new List<Customer>();
        MaxMinutes = rows.Count == 0 ? 1f : rows.Max(r => r.DayMinutes);
    }
}
[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Scaled(Customer c) => c.DayMinutes / Stats.MaxMinutes;
}
