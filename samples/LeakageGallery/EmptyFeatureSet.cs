using PipelineDsl;

namespace LeakageGallery;

// PDSL210: a feature set left empty after a refactoring: a model over it would train on nothing.
[FeatureSet(typeof(Sale))]
public static partial class PlannedSaleFeatures
{
}
