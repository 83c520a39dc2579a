// expect: PDSL101
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Dropout(Customer c) => Random.Shared.Next(10) == 0 ? 0f : c.DayMinutes;
}
