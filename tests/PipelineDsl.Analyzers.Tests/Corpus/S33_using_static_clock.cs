// expect: PDSL101
using static System.DateTime;

namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    // No "DateTime" token in the body: the clock is reached through a using static directive.
    [Feature] public static float DaysSinceSignup(Customer c) => (float)(Now - c.SignupDate).TotalDays;
}
