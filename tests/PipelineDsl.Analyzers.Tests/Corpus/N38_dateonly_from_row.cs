// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float SignupYear(Customer c) => c.SignupDate.Year;
    [Feature] public static float SignupWeekday(Customer c) => c.SignupDate.AddDays(1).DayOfWeek == DayOfWeek.Monday ? 1f : 0f;
}
