namespace PipelineDsl.Runtime.Temporal;

/// <summary>
/// How a feature set's windows share work, computed once per engine: windows with the same length and lag form one
/// frame with one cursor over the events (7-day mean, min and max move together), and the frame keeps one accumulator
/// per min, max or distinct-count member it serves. Count, sum, mean and last need no accumulator (cursor and prefix
/// sums give them).
/// </summary>
internal sealed class WindowLayout
{
    public WindowLayout(IReadOnlyList<WindowSpec> specs)
    {
        Specs = specs.ToArray();
        var frames = new List<Frame>();
        FrameOf = new int[Specs.Length];
        AccumulatorOf = new int[Specs.Length];
        for (var w = 0; w < Specs.Length; w++)
        {
            var spec = Specs[w];
            var f = frames.FindIndex(x => x.DurationTicks == spec.DurationTicks && x.Events == spec.Events && x.LagTicks == spec.LagTicks);
            if (f < 0)
            {
                f = frames.Count;
                frames.Add(new Frame(spec.DurationTicks, spec.Events, spec.LagTicks, []));
            }

            FrameOf[w] = f;
            AccumulatorOf[w] = -1;
            if (spec.Aggregate is Aggregate.Min or Aggregate.Max or Aggregate.DistinctCount)
            {
                var accumulators = frames[f].Accumulators;
                var a = accumulators.FindIndex(x => x.Aggregate == spec.Aggregate && x.Slot == spec.Slot);
                if (a < 0)
                {
                    a = accumulators.Count;
                    accumulators.Add(new AccumulatorSpec(spec.Aggregate, spec.Slot));
                }

                AccumulatorOf[w] = a;
            }
        }

        Frames = frames.ToArray();
    }

    /// <summary>The window features, in output order.</summary>
    public WindowSpec[] Specs { get; }

    /// <summary>The distinct (length, lag) frames.</summary>
    public Frame[] Frames { get; }

    /// <summary>For each spec, its frame.</summary>
    public int[] FrameOf { get; }

    /// <summary>For each spec, its accumulator in the frame, or -1.</summary>
    public int[] AccumulatorOf { get; }

    /// <summary>Windows of one length and lag.</summary>
    public sealed record Frame(long DurationTicks, int Events, long LagTicks, List<AccumulatorSpec> Accumulators)
    {
        public bool IsCountWindow => Events > 0;
    }

    /// <summary>A min/max deque or a distinct-value map over one member slot.</summary>
    public readonly record struct AccumulatorSpec(Aggregate Aggregate, int Slot);
}
