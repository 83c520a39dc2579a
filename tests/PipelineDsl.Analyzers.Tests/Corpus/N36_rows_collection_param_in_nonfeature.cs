// expect: none
namespace Corpus;

public static class Fitting
{
    public static float Mean(IEnumerable<House> train) => train.Average(h => h.GrLivArea);
}
[FeatureSet(typeof(House))]
public static partial class F
{
    private const float TrainMean = 1500f;
    [Feature] public static float AreaVsTrainMean(House h) => h.GrLivArea / TrainMean;
}
