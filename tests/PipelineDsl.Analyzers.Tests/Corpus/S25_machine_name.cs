// expect: PDSL104
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Cores(Customer c) => c.DayMinutes / Environment.ProcessorCount;
}
