// expect: none
namespace Corpus;

[FeatureSet(typeof(StationDay))]
public static partial class F { [Feature] public static float Month(StationDay d) => d.Date.Month; }
[Model(typeof(F), Task = MlTask.Regression)] public sealed partial class M;
[Pipeline("rides", typeof(M))] public static partial class P;
