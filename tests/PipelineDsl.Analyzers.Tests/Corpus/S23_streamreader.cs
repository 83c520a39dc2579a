// expect: PDSL104
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F
{
    [Feature] public static float Premium(House h) { using var r = new StreamReader("premium.txt"); return r.ReadToEnd().Contains(h.Neighborhood) ? 1f : 0f; }
}
