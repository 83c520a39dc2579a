// expect: PDSL003
namespace Corpus;

[FeatureSet(typeof(Listing))]
public static partial class F { [Feature] public static float Rooms(Listing l) => l.Rooms; }
[Model(typeof(F), Task = MlTask.Regression)] public sealed partial class M;
[Pipeline("listings", typeof(M), Split = SplitStrategy.Stratified)] public static partial class P;
