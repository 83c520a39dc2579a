// expect: PDSL001
namespace Corpus;

public sealed class CustomerView
{
    private readonly Customer c;
    public CustomerView(Customer c) => this.c = c;
    public bool Left => c.Churn;
}
[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Left(Customer c) => new CustomerView(c).Left ? 1f : 0f;
}
