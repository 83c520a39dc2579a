// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float IdHasExtension(Customer c) => Path.GetExtension(c.CustomerId).Length;
    [Feature] public static float IdLength(Customer c) => c.CustomerId.Trim().Length;
}
