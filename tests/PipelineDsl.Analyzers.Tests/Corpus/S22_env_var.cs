// expect: PDSL104
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Region(Customer c) => Environment.GetEnvironmentVariable("HOME_STATE") == c.State ? 1f : 0f;
}
