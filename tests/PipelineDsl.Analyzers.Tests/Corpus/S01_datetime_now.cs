// expect: PDSL101
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float TenureDays(Customer c) => (float)(DateTime.Now - c.SignupDate).TotalDays;
}
