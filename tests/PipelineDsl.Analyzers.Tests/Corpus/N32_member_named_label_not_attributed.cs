// expect: none
namespace Corpus;

public sealed class Tag { public string Label { get; init; } = ""; }
[FeatureSet(typeof(Customer))]
public static partial class F
{
    private static readonly Tag PlanTag = new() { Label = "premium" };
    [Feature] public static float IsTagged(Customer c) => c.Plan == PlanTag.Label ? 1f : 0f;
}
