using PipelineDsl;

namespace LeakageGallery;

// PDSL106: "is it a weekend where the customer is?" answered in the time zone of whichever server runs the feature.
[FeatureSet(typeof(Account))]
public static partial class CalendarFeatures
{
    [Feature] public static bool SnapshotOnWeekend(Account a) => a.Month.ToLocalTime().DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
