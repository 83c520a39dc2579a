// expect: PDSL101
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Slow(Customer c) { var sw = System.Diagnostics.Stopwatch.StartNew(); return (float)sw.Elapsed.TotalMilliseconds + c.DayMinutes; }
}
