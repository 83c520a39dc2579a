// expect: PDSL003
namespace Corpus;

[FeatureSet(typeof(StationDay))]
public static partial class F { [Feature] public static float Dow(StationDay d) => (float)d.Date.DayOfWeek; }
[Model(typeof(F), Task = MlTask.Regression)] public sealed partial class M;
[Pipeline("rides", typeof(M), Split = SplitStrategy.Random, HoldoutFraction = 0.2)] public static partial class P;
