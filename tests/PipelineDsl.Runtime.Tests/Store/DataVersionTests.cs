using PipelineDsl.Runtime.Data;
using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Store;

public class DataVersionTests
{
    private static readonly ColumnDefinition[] Columns =
    [
        new("Id", "id", ColumnType.Int32, false, ColumnRole.Key, true, null, null, null),
        new("X", "x", ColumnType.Double, true, ColumnRole.None, false, null, null, null),
        new("City", "city", ColumnType.String, false, ColumnRole.None, true, null, null, null),
        new("When", "when", ColumnType.DateTime, false, ColumnRole.Timestamp, true, null, null, null),
    ];

    private const string Csv = "id,x,city,when\n1,1.5,NY,2024-01-01\n2,NA,LA,2024-01-03T08:00:00\n3,4.5,NY,2024-01-02\n";

    private static DatasetProfile Profile(string csv) => ColumnProfiler.Profile(new StringReader(csv), "d.csv", "d", Columns);

    private static long CountRows(TestStore temp, string table)
    {
        using var connection = temp.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [StoreProviders]
    public void Same_bytes_are_the_same_version_and_the_profile_is_stored_once(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        var first = temp.Combine("a.csv");
        var copy = temp.Combine("b.csv");
        File.WriteAllText(first, Csv);
        File.WriteAllText(copy, Csv);
        using var store = new PipelineStore(temp.Store);

        var hash = store.Artifacts.PutFile(first);
        Assert.Equal(hash, store.Artifacts.PutFile(copy));
        store.RecordDatasetVersion(hash, "d", first, 3, "schema");
        store.RecordDatasetVersion(hash, "d", copy, 3, "schema");
        Assert.False(store.HasDatasetProfile(hash));
        store.RecordDatasetProfile(hash, Profile(Csv));

        // A second profile of the same id changes nothing (same bytes, same statistics).
        store.RecordDatasetProfile(hash, Profile("id,x,city,when\n9,100,SF,2025-01-01\n"));

        Assert.Single(store.ListDatasetVersions());
        Assert.True(store.HasDatasetProfile(hash));
        Assert.Equal(1, CountRows(temp, "dataset_schemas"));
        Assert.Equal(Columns.Length, CountRows(temp, "dataset_column_stats"));
        var stored = store.GetDatasetProfile(hash)!;
        Assert.Equal(3, stored.Rows);
        Assert.Equal(3.0, stored.Column("x")!.Mean);
    }

    [Theory]
    [StoreProviders]
    public void A_profile_round_trips_through_the_store(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var hash = new string('a', 64);
        var profile = Profile(Csv);

        store.RecordDatasetProfile(hash, profile);
        var stored = store.GetDatasetProfile(hash)!;

        Assert.Equal(profile.Dataset, stored.Dataset);
        Assert.Equal(profile.Rows, stored.Rows);
        Assert.Equal(profile.Schema, stored.Schema);
        Assert.Equal(profile.Columns.Select(c => c.Column), stored.Columns.Select(c => c.Column));
        for (var i = 0; i < profile.Columns.Count; i++)
        {
            var (expected, actual) = (profile.Columns[i], stored.Columns[i]);
            Assert.Equal(
                (expected.Kind, expected.Rows, expected.NullCount, expected.InvalidCount, expected.Mean, expected.Std, expected.Min, expected.Max, expected.DistinctCount, expected.MinTime, expected.MaxTime),
                (actual.Kind, actual.Rows, actual.NullCount, actual.InvalidCount, actual.Mean, actual.Std, actual.Min, actual.Max, actual.DistinctCount, actual.MinTime, actual.MaxTime));
            Assert.Equal(expected.Quantiles, actual.Quantiles);
            Assert.Equal(expected.TopValues, actual.TopValues);
        }

        Assert.Equal(DateTimeKind.Utc, stored.Column("when")!.MaxTime!.Value.Kind);
        Assert.Equal(new DateTime(2024, 1, 3, 8, 0, 0, DateTimeKind.Utc), stored.Column("when")!.MaxTime);
        Assert.Null(store.GetDatasetProfile(new string('b', 64)));
    }

    [Theory]
    [StoreProviders]
    public void Resolves_a_full_hash_or_a_unique_prefix_of_at_least_six_hex_characters(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var one = "0123456789" + new string('a', 54);
        var two = "fedcba9876" + new string('b', 54);
        store.RecordDatasetVersion(one, "d", "one.csv", 1, "s");
        store.RecordDatasetVersion(two, "d", "two.csv", 1, "s");

        Assert.Equal(one, store.ResolveDatasetVersion(one));
        Assert.Equal(one, store.ResolveDatasetVersion("012345"));
        Assert.Equal(two, store.ResolveDatasetVersion("FEDCBA98"));
        Assert.Equal(two, store.ResolveDatasetVersion(" fedcba "));
    }

    [Theory]
    [StoreProviders]
    public void An_ambiguous_prefix_lists_the_candidates(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var one = "abcdef01" + new string('1', 56);
        var two = "abcdef02" + new string('2', 56);
        store.RecordDatasetVersion(one, "churn", "one.csv", 1, "s");
        store.RecordDatasetVersion(two, "churn", "two.csv", 1, "s");

        var error = Assert.Throws<InvalidOperationException>(() => store.ResolveDatasetVersion("abcdef"));

        Assert.Contains("ambiguous", error.Message, StringComparison.Ordinal);
        Assert.Contains(one, error.Message, StringComparison.Ordinal);
        Assert.Contains(two, error.Message, StringComparison.Ordinal);
        Assert.Equal(two, store.ResolveDatasetVersion("abcdef02"));
    }

    [Theory]
    [StoreProviders]
    public void Unknown_short_and_non_hex_ids_are_errors_that_name_the_id(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        store.RecordDatasetVersion(new string('c', 64), "d", "c.csv", 1, "s");

        var unknown = Assert.Throws<InvalidOperationException>(() => store.ResolveDatasetVersion("dddddd"));
        Assert.Contains("dddddd", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("ccccc", Assert.Throws<ArgumentException>(() => store.ResolveDatasetVersion("ccccc")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => store.ResolveDatasetVersion("cccccz"));
        Assert.Throws<ArgumentException>(() => store.ResolveDatasetVersion("cc%ccc"));
    }

    [Theory]
    [StoreProviders]
    public void A_profile_without_a_run_is_resolvable_by_prefix(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var hash = "5eed" + new string('e', 60);
        store.RecordDatasetProfile(hash, Profile(Csv));

        Assert.Equal(hash, store.ResolveDatasetVersion("5eedee"));
        Assert.Null(store.GetDatasetVersion(hash));
    }

    [Theory]
    [StoreProviders]
    public async Task A_run_profiles_its_snapshot_once_per_distinct_file(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var options = new PipelineRunOptions { StorePath = temp.Store, SourceSearchPaths = [temp.Path] };

        var first = await SyntheticPipeline.Create("data.csv").RunAsync(options);
        var again = await SyntheticPipeline.Create("data.csv").RunAsync(options with { Force = true });

        Assert.True(first.Status == PipelineRunStatus.Succeeded, first.Message);
        Assert.True(again.Status == PipelineRunStatus.Succeeded, again.Message);
        using var store = new PipelineStore(options.StorePath);
        var version = Assert.Single(store.ListDatasetVersions());
        var profile = store.GetDatasetProfile(version.Hash)!;
        Assert.Equal("Synthetic", profile.Dataset);
        Assert.Equal(version.Rows, profile.Rows);
        Assert.Equal(new SyntheticDataset().Columns.Select(c => c.Header), profile.Schema.Select(c => c.Header));
        Assert.Equal(ColumnProfileKind.Numeric, profile.Column("x1")!.Kind);
        Assert.Equal(ColumnProfileKind.Categorical, profile.Column("segment")!.Kind);
        Assert.Equal(ColumnProfileKind.DateTime, profile.Column("when")!.Kind);
        Assert.Equal(new SyntheticDataset().Columns.Count, CountRows(temp, "dataset_column_stats"));
    }
}
