using ChicagoRidership;

namespace PipelineDsl.IntegrationTests;

/// <summary>
/// Offline and online give the same point-in-time features, and no row ever sees its future: checked on the Chicago
/// sample's real data (113,974 station-days, 9 windows, 2 as-of joins) through the generated code.
/// </summary>
public sealed class PointInTimeParityTests
{
    private static readonly Lazy<(StationDay[] Days, Weather[] Weather, NetworkDay[] Network)> Data = new(() =>
    (
        StationDayDataset.Instance.ReadCsv(SampleData.StationDays).Rows,
        WeatherDataset.Instance.ReadCsv(SampleData.Weather).Rows,
        NetworkDayDataset.Instance.ReadCsv(SampleData.Network).Rows));

    [Fact]
    public void Replaying_the_events_in_time_order_online_gives_bit_identical_features_to_the_offline_batch()
    {
        var (days, weather, network) = Data.Value;
        var n = days.Length;
        var k = RidershipFeatures.FeatureCount;
        var batch = new float[k * n];
        RidershipFeatures.ComputeBatch(days, weather, network, batch);

        // Online: one state, events in global time order (ties in file order): answer the request, then observe it.
        var online = new RidershipFeatures.State([], []);
        var weatherByDay = weather.OrderBy(w => w.Date).ToArray();
        var networkByDay = network.OrderBy(d => d.Date).ToArray();
        int nextWeather = 0, nextNetwork = 0;
        var row = new float[k];
        var mismatches = 0;
        foreach (var i in Enumerable.Range(0, n).OrderBy(i => days[i].Date))
        {
            // The joined sources arrive as their rows are published (at their own timestamps).
            while (nextWeather < weatherByDay.Length && weatherByDay[nextWeather].Date <= days[i].Date)
            {
                online.Observe(weatherByDay[nextWeather++]);
            }

            while (nextNetwork < networkByDay.Length && networkByDay[nextNetwork].Date <= days[i].Date)
            {
                online.Observe(networkByDay[nextNetwork++]);
            }

            online.Compute(days[i], row);
            online.Observe(days[i]);
            for (var j = 0; j < k; j++)
            {
                if (BitConverter.SingleToInt32Bits(row[j]) != BitConverter.SingleToInt32Bits(batch[(j * n) + i]))
                {
                    mismatches++;
                }
            }
        }

        Assert.Equal(0, mismatches);
    }

    [Theory]
    [InlineData(1, "2005-06-15")]
    [InlineData(2, "2012-02-29")]
    [InlineData(3, "2016-08-01")]
    public void Appending_or_permuting_rows_dated_after_a_row_never_changes_its_features(int seed, string cut)
    {
        var (days, weather, network) = Data.Value;
        var at = DateTime.Parse(cut, System.Globalization.CultureInfo.InvariantCulture);
        var k = RidershipFeatures.FeatureCount;

        // Features of the rows up to the cut, computed from those rows alone.
        var past = days.Where(d => d.Date <= at).ToArray();
        var alone = new float[k * past.Length];
        RidershipFeatures.ComputeBatch(past, weather, network, alone);

        // The same rows among every row, with the future shuffled in and the whole input order permuted.
        var random = new Random(seed);
        var all = days.ToArray();
        random.Shuffle(all);
        var together = new float[k * all.Length];
        RidershipFeatures.ComputeBatch(all, weather, network, together);

        var position = new Dictionary<StationDay, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < all.Length; i++)
        {
            position[all[i]] = i;
        }

        for (var i = 0; i < past.Length; i++)
        {
            var p = position[past[i]];
            for (var j = 0; j < k; j++)
            {
                Assert.True(
                    BitConverter.SingleToInt32Bits(alone[(j * past.Length) + i]) == BitConverter.SingleToInt32Bits(together[(j * all.Length) + p]),
                    $"{past[i].Station} {past[i].Date:yyyy-MM-dd} feature {RidershipFeatures.FeatureNames[j]}: {alone[(j * past.Length) + i]} alone, {together[(j * all.Length) + p]} with later rows");
            }
        }
    }

    [Fact]
    public void A_state_restored_from_its_snapshot_serves_tomorrow_exactly_as_a_batch_over_history_plus_tomorrow()
    {
        var (days, weather, network) = Data.Value;
        var k = RidershipFeatures.FeatureCount;

        // Training replays everything and snapshots the window state.
        var training = new RidershipFeatures.State(weather, network);
        training.ComputeBatch(days, new float[k * days.Length]);
        using var snapshot = new MemoryStream();
        training.SaveWindows(snapshot);

        // Serving restores it and answers for the day after each station's last day.
        var serving = new RidershipFeatures.State(weather, network);
        snapshot.Position = 0;
        serving.LoadWindows(snapshot);
        var tomorrow = days.GroupBy(d => d.Station).Select(g => new StationDay { Station = g.Key, Date = g.Max(d => d.Date).AddDays(1) }).ToArray();

        var withTomorrow = days.Concat(tomorrow).ToArray();
        var batch = new float[k * withTomorrow.Length];
        RidershipFeatures.ComputeBatch(withTomorrow, weather, network, batch);
        var served = new float[k];
        for (var t = 0; t < tomorrow.Length; t++)
        {
            serving.Compute(tomorrow[t], served);
            var i = days.Length + t;
            for (var j = 0; j < k; j++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(batch[(j * withTomorrow.Length) + i]), BitConverter.SingleToInt32Bits(served[j]));
            }
        }

        // And the windows really hold history: yesterday's riders are there for every station.
        var yesterday = RidershipFeatures.FeatureNames.ToList().IndexOf("RidersYesterday");
        serving.Compute(tomorrow[0], served);
        Assert.False(float.IsNaN(served[yesterday]));
    }
}
