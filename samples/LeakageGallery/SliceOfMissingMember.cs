using PipelineDsl;

namespace LeakageGallery;

// PDSL217: the column was renamed from StateCode to State; the slice rule's string still says the old name, so the
// per-state recall it was meant to guard is never measured and the gate fails every run.
[Gate(typeof(UsageModel))]
[SliceGate("StateCode", Metric.Recall, 0.5)]
public sealed partial class UsageGates;
