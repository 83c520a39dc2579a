// expect: none
namespace Corpus;

public static class Ratios
{
    public static float Safe(float numerator, float denominator) => denominator == 0f ? 0f : numerator / denominator;
}

[FeatureSet(typeof(Customer))]
public static partial class F
{
    // Arithmetic, switch expressions, Math and clean helpers: proven clean by the syntax screen without binding.
    [Feature] public static float PlanTier(Customer c) => c.Plan switch { "gold" => 2f, "silver" => 1f, _ => 0f };
    [Feature] public static float LogMinutes(Customer c) => MathF.Log(1f + c.DayMinutes);
    [Feature] public static float ChargePerMinute(Customer c) => Ratios.Safe(c.DayCharge, c.DayMinutes);
    [Feature] public static float Busy(Customer c) { var calls = c.ServiceCalls; if (calls > 3) { return 1f; } return 0f; }
}
