// expect: PDSL103
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    public static float HeavyUserMinutes = 250f;
    [Feature] public static float Heavy(Customer c) => c.DayMinutes > HeavyUserMinutes ? 1f : 0f;
}
