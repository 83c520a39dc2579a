// expect: none
namespace Corpus;

[FeatureSet(typeof(House))]
public static partial class F { [Feature] public static float Area(House h) => h.GrLivArea; }
[Model(typeof(F), Task = MlTask.Regression)] public sealed partial class M;
[Pipeline("ames", typeof(M), Split = SplitStrategy.Random, Seed = 7)] public static partial class P;
[FeatureSet(typeof(Customer))]
public static partial class G { [Feature] public static float Calls(Customer c) => c.ServiceCalls; }
[Model(typeof(G))] public sealed partial class N;
[Pipeline("churn", typeof(N), Split = SplitStrategy.Stratified)] public static partial class Q;
