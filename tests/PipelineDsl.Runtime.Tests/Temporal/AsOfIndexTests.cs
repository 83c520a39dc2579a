using PipelineDsl.Runtime.Temporal;

namespace PipelineDsl.Runtime.Tests.Temporal;

public class AsOfIndexTests
{
    private static readonly DateTime Day = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    // Key A: 09:00 (1), 10:00 (2), 10:00 (3, added later: wins the tie), 12:00 (4). Key B: 11:00 (10).
    private static readonly Quote A0900 = new("A", Day.AddHours(9), 1);
    private static readonly Quote A1000 = new("A", Day.AddHours(10), 2);
    private static readonly Quote A1000Later = new("A", Day.AddHours(10), 3);
    private static readonly Quote A1200 = new("A", Day.AddHours(12), 4);
    private static readonly Quote B1100 = new("B", Day.AddHours(11), 10);
    private static readonly Quote[] Sorted = [A0900, A1000, A1000Later, B1100, A1200];

    [Fact]
    public void Join_with_tolerance_matches_the_hand_computed_rows_and_counts()
    {
        var index = Index(lag: TimeSpan.Zero, tolerance: TimeSpan.FromMinutes(90));
        index.AddRange(Sorted);
        Lookup[] left =
        [
            new("A", Day.AddHours(10)),                // exact time, tie: the later-added row
            new("A", Day.AddHours(11)),                // 10:00 is 60 min old: within 90
            new("A", Day.AddHours(8)),                 // before A's first row
            new("C", Day.AddHours(10)),                // unknown key
            new("A", Day.AddHours(11).AddMinutes(45)), // 10:00 is 105 min old: outside 90
            new("B", Day.AddHours(12).AddMinutes(30)), // 11:00 is exactly 90 min old: inside (the limit is inclusive)
            new("A", Day.AddHours(12)),                // exact time
            new("A", Day.AddHours(9).AddTicks(-1)),    // one tick before the first row
        ];
        var matches = new Quote?[left.Length];

        var report = index.Join<Lookup>(left, l => l.Key, l => l.Time.Ticks, matches);

        AssertSameRows([A1000Later, A1000Later, null, null, null, B1100, A1200, null], matches);
        Assert.Equal(new JoinReport("quotes", 8, Matched: 4, UnknownKey: 1, NoEarlierRow: 2, OutsideTolerance: 1), report);
        Assert.Equal("quotes: 4/8 matched (1 unknown key, 2 with no earlier row, 1 outside tolerance)", report.ToString());
        Assert.Equal(5, index.Count);
    }

    [Fact]
    public void Find_reports_each_outcome()
    {
        var index = Index(lag: TimeSpan.Zero, tolerance: TimeSpan.FromMinutes(90));
        index.AddRange(Sorted);

        Assert.Equal(AsOfMatch.Matched, index.Find("A", Day.AddHours(10).Ticks, out var tie));
        Assert.Same(A1000Later, tie);
        Assert.Equal(AsOfMatch.NoEarlierRow, index.Find("A", Day.AddHours(8).Ticks, out var none));
        Assert.Null(none);
        Assert.Equal(AsOfMatch.UnknownKey, index.Find("Z", Day.AddHours(10).Ticks, out none));
        Assert.Null(none);
        Assert.Equal(AsOfMatch.OutsideTolerance, index.Find("B", Day.AddHours(12).AddMinutes(30).AddTicks(1).Ticks, out none));
        Assert.Null(none);
    }

    [Fact]
    public void Lag_moves_the_lookup_time_back()
    {
        var index = Index(lag: TimeSpan.FromHours(1), tolerance: null);
        index.AddRange(Sorted);
        Lookup[] left =
        [
            new("A", Day.AddHours(11)),                // as of 10:00: the tie winner
            new("A", Day.AddHours(11).AddTicks(-1)),   // as of 09:59:59.9999999: the 09:00 row
            new("A", Day.AddHours(9).AddMinutes(30)),  // as of 08:30: nothing earlier
            new("B", Day.AddHours(12)),                // as of 11:00: exact
            new("B", Day.AddHours(11).AddMinutes(30)), // as of 10:30: nothing earlier
            new("A", Day.AddDays(3)),                  // no tolerance: a 3-day-old row still matches
        ];
        var matches = new Quote?[left.Length];

        var report = index.Join<Lookup>(left, l => l.Key, l => l.Time.Ticks, matches);

        AssertSameRows([A1000Later, A0900, null, B1100, null, A1200], matches);
        Assert.Equal(new JoinReport("quotes", 6, 4, 0, 2, 0), report);
    }

    [Fact]
    public void Lag_and_tolerance_measure_the_age_from_the_lagged_time()
    {
        var index = Index(lag: TimeSpan.FromHours(1), tolerance: TimeSpan.FromMinutes(30));
        index.AddRange(Sorted);

        // As of 11:00 the latest A row is 10:00, 60 minutes old; as of 10:30 it is 30 minutes old.
        Assert.Equal(AsOfMatch.OutsideTolerance, index.Find("A", Day.AddHours(12).Ticks, out _));
        Assert.Equal(AsOfMatch.Matched, index.Find("A", Day.AddHours(11).AddMinutes(30).Ticks, out var row));
        Assert.Same(A1000Later, row);
        Assert.Equal(AsOfMatch.Matched, index.Find("A", Day.AddHours(13).Ticks, out row));
        Assert.Same(A1200, row);
    }

    [Fact]
    public void Zero_tolerance_matches_only_rows_at_exactly_the_lookup_time()
    {
        var index = Index(lag: TimeSpan.Zero, tolerance: TimeSpan.Zero);
        index.AddRange(Sorted);

        Assert.Equal(AsOfMatch.Matched, index.Find("A", Day.AddHours(12).Ticks, out var row));
        Assert.Same(A1200, row);
        Assert.Equal(AsOfMatch.OutsideTolerance, index.Find("A", Day.AddHours(12).AddTicks(1).Ticks, out _));
    }

    [Fact]
    public void Out_of_order_AddRange_gives_the_same_results_as_sorted()
    {
        var sorted = Index(lag: TimeSpan.Zero, tolerance: TimeSpan.FromMinutes(90));
        sorted.AddRange(Sorted);
        var shuffled = Index(lag: TimeSpan.Zero, tolerance: TimeSpan.FromMinutes(90));
        shuffled.AddRange([A1200, B1100, A1000, A0900, A1000Later]);
        var oneByOne = Index(lag: TimeSpan.Zero, tolerance: TimeSpan.FromMinutes(90));
        foreach (var quote in new[] { A1000, A1200, A0900, B1100, A1000Later })
        {
            oneByOne.Add(quote);
        }

        for (var minutes = 7 * 60; minutes <= 15 * 60; minutes += 5)
        {
            foreach (var key in new[] { "A", "B", "C" })
            {
                var ticks = Day.AddMinutes(minutes).Ticks;
                var expected = sorted.Find(key, ticks, out var expectedRow);
                Assert.Equal(expected, shuffled.Find(key, ticks, out var shuffledRow));
                Assert.Same(expectedRow, shuffledRow);
                Assert.Equal(expected, oneByOne.Find(key, ticks, out var oneByOneRow));
                Assert.Same(expectedRow, oneByOneRow);
            }
        }
    }

    [Fact]
    public void A_tie_is_won_by_the_row_added_last_whatever_the_other_rows_order()
    {
        var index = Index(lag: TimeSpan.Zero, tolerance: null);
        index.AddRange([A1000Later, A1200, A0900, A1000]);

        Assert.Equal(AsOfMatch.Matched, index.Find("A", Day.AddHours(11).Ticks, out var row));
        Assert.Same(A1000, row);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_lookups_match_a_brute_force_scan_in_any_insertion_order(int seed)
    {
        var rng = new Random(seed);
        var lag = TimeSpan.FromMinutes(rng.Next(0, 3) * 30);
        var tolerance = rng.Next(2) == 0 ? (TimeSpan?)null : TimeSpan.FromHours(rng.Next(1, 6));
        var quotes = new List<Quote>();
        for (var i = 0; i < 600; i++)
        {
            quotes.Add(new Quote("Q" + rng.Next(12), Day.AddMinutes(30 * rng.Next(200)), i));
        }

        var left = Enumerable.Range(0, 800)
            .Select(_ => new Lookup("Q" + rng.Next(14), Day.AddMinutes(rng.Next(-120, 200 * 30 + 240))))
            .ToArray();
        var expected = left.Select(l => BruteForce(quotes, l, lag, tolerance)).ToArray();

        var inOrder = Index(lag, tolerance);
        inOrder.AddRange(quotes.ToArray());
        var shuffled = Index(lag, tolerance);
        var events = quotes.Select(q => new Event(q.Key, q.Time, q.Price, null)).ToList();
        var permutation = EventGenerator.TiePreservingPermutation(events, rng);
        shuffled.AddRange(permutation.Select(i => quotes[i]).ToArray());

        foreach (var index in new[] { inOrder, shuffled })
        {
            var matches = new Quote?[left.Length];
            var report = index.Join<Lookup>(left, l => l.Key, l => l.Time.Ticks, matches);
            for (var i = 0; i < left.Length; i++)
            {
                Assert.Same(expected[i].Row, matches[i]);
                Assert.Equal(expected[i].Match, index.Find(left[i].Key, left[i].Time.Ticks, out _));
            }

            Assert.Equal(left.Length, report.Rows);
            Assert.Equal(expected.Count(e => e.Match == AsOfMatch.Matched), report.Matched);
            Assert.Equal(expected.Count(e => e.Match == AsOfMatch.UnknownKey), report.UnknownKey);
            Assert.Equal(expected.Count(e => e.Match == AsOfMatch.NoEarlierRow), report.NoEarlierRow);
            Assert.Equal(expected.Count(e => e.Match == AsOfMatch.OutsideTolerance), report.OutsideTolerance);
            Assert.Equal(report.Rows, report.Matched + report.UnknownKey + report.NoEarlierRow + report.OutsideTolerance);
        }
    }

    [Fact]
    public void Time_only_join_uses_a_constant_key()
    {
        var index = new AsOfIndex<Quote, bool>("weather", _ => true, q => q.Time.Ticks, 0, long.MaxValue);
        index.AddRange(Sorted);

        Assert.Equal(AsOfMatch.Matched, index.Find(true, Day.AddHours(11).AddMinutes(59).Ticks, out var row));
        Assert.Same(B1100, row);
        Assert.Equal(AsOfMatch.UnknownKey, index.Find(false, Day.AddHours(11).Ticks, out _));
    }

    [Fact]
    public void Lag_saturates_at_the_smallest_time()
    {
        // Raw tick selectors: a row at long.MinValue + 2; a lookup at long.MinValue + 5 with a lag of 10 ticks is as of
        // (saturated) long.MinValue, before the row.
        var index = new AsOfIndex<Quote, string>("raw", q => q.Key, q => long.MinValue + (long)q.Price, lagTicks: 10, toleranceTicks: long.MaxValue);
        index.Add(new Quote("A", Day, 2));

        Assert.Equal(AsOfMatch.NoEarlierRow, index.Find("A", long.MinValue + 5, out _));
    }

    private static void AssertSameRows(Quote?[] expected, Quote?[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Same(expected[i], actual[i]);
        }
    }

    private static AsOfIndex<Quote, string> Index(TimeSpan lag, TimeSpan? tolerance) =>
        new("quotes", q => q.Key, q => q.Time.Ticks, lag.Ticks, tolerance?.Ticks ?? long.MaxValue);

    private static (AsOfMatch Match, Quote? Row) BruteForce(List<Quote> quotes, Lookup lookup, TimeSpan lag, TimeSpan? tolerance)
    {
        var ofKey = quotes.Where(q => q.Key == lookup.Key).ToList();
        if (ofKey.Count == 0)
        {
            return (AsOfMatch.UnknownKey, null);
        }

        var asOf = lookup.Time - lag;
        Quote? best = null;
        foreach (var q in ofKey)
        {
            // In insertion order: a later row at the same time replaces an earlier one.
            if (q.Time <= asOf && (best is null || q.Time >= best.Time))
            {
                best = q;
            }
        }

        if (best is null)
        {
            return (AsOfMatch.NoEarlierRow, null);
        }

        return tolerance is { } t && asOf - best.Time > t ? (AsOfMatch.OutsideTolerance, null) : (AsOfMatch.Matched, best);
    }

    private sealed record Quote(string Key, DateTime Time, double Price);

    private sealed record Lookup(string Key, DateTime Time);
}
