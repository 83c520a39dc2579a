// expect: none
namespace Corpus;

public static class Loader
{
    public static string[] Lines(string path) => File.ReadAllLines(path);
    public static string? Region() => Environment.GetEnvironmentVariable("REGION");
}
[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Calls(Customer c) => c.ServiceCalls;
}
