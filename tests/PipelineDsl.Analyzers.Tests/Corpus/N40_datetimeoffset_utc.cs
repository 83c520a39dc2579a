// expect: none
namespace Corpus;

// DateTimeOffset.ToUniversalTime applies the value's own offset: no time zone of the machine is involved.
[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float SignupUtcHour(Customer c) => new DateTimeOffset(c.SignupDate, TimeSpan.Zero).ToUniversalTime().Hour;

    [Feature] public static float SignupHourUtc(Customer c) => DateTime.SpecifyKind(c.SignupDate, DateTimeKind.Utc).Hour;
}
