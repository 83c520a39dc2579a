// expect: PDSL106
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float SignupHour(Customer c) => c.SignupDate.ToLocalTime().Hour;
}
