using PipelineDsl;

namespace LeakageGallery;

// PDSL105: data usage is missing for voice-only plans; training happened to have none, serving throws or gets 0.
[FeatureSet(typeof(Account))]
public static partial class DataFeatures
{
    [Feature] public static float DataUsage(Account a) => a.DataUsageGb!.Value;
}
