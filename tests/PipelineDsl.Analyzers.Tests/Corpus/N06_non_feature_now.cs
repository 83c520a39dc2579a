// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Minutes(Customer c) => c.DayMinutes;
    public static string Banner() => "trained at " + DateTime.Now.ToString("O", CultureInfo.InvariantCulture);
    public static float Noise() => (float)new Random().NextDouble();
}
