using System.IO.Compression;

namespace PipelineDsl.PackageTests;

/// <summary>The packed PipelineDsl, consumed from a folder feed exactly as a user installs it.</summary>
public sealed class PackageConsumerTests(PackageFeed feed) : IClassFixture<PackageFeed>
{
    private const string Model = """
        using PipelineDsl;

        namespace Consumer;

        [Dataset("orders", Source = "orders.csv", Timestamp = nameof(Order.PlacedAt))]
        public sealed partial record Order
        {
            [Key] public string Customer { get; init; } = "";
            public DateTime PlacedAt { get; init; }
            public float Amount { get; init; }
            public string Coupon { get; init; } = "";
            [Label] public bool Returned { get; init; }
        }

        [Model(typeof(OrderFeatures), Task = MlTask.BinaryClassification, Trainer = Trainer.FastTree)]
        public sealed partial class ReturnModel;

        [Gate(typeof(ReturnModel))]
        [MinMetric(Metric.Auc, 0.6)]
        public sealed partial class ReturnGates;
        """;

    private const string Program = """
        using Microsoft.Extensions.Hosting;
        using PipelineDsl.Hosting;

        var builder = Host.CreateApplicationBuilder(args);
        builder.AddPipelineDsl(PipelineDsl.Generated.GeneratedPipelines.All);
        using var host = builder.Build();
        return await host.RunPipelineCliAsync(args);
        """;

    [Fact]
    public void The_package_holds_the_runtime_in_lib_and_the_generator_in_analyzers()
    {
        using var zip = ZipFile.OpenRead(feed.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("lib/net10.0/PipelineDsl.Abstractions.dll", entries);
        Assert.Contains("lib/net10.0/PipelineDsl.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/PipelineDsl.Hosting.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/PipelineDsl.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/PipelineDsl.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/PipelineDsl.CodeFixes.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));
    }

    [Fact]
    public void A_consumer_builds_and_its_generated_pipeline_runs_from_the_package()
    {
        var features = """
            using PipelineDsl;

            namespace Consumer;

            [FeatureSet(typeof(Order))]
            [Window("AmountMean30d", nameof(Order.Amount), Aggregate.Mean, "30d")]
            public static partial class OrderFeatures
            {
                [Feature] public static float Amount(Order o) => o.Amount;
            }

            [Pipeline("returns", typeof(ReturnModel), Split = SplitStrategy.Time)]
            public static partial class ReturnPipeline;
            """;
        using var consumer = new ConsumerProject(feed, new Dictionary<string, string>
        {
            ["Model.cs"] = Model,
            ["Features.cs"] = features,
            ["Program.cs"] = Program,
        });

        var build = consumer.Build();
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Empty(build.Diagnostics);

        var plan = consumer.Run("plan");
        Assert.True(plan.ExitCode == 0, plan.Output);
        Assert.Contains("features:OrderFeatures", plan.Output, StringComparison.Ordinal);
        Assert.Contains("register:returns", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Four_leaks_get_exactly_four_diagnostics_with_help_links_and_the_fixed_project_builds_clean()
    {
        // A label read two helper calls deep, the clock in a feature, a culture-sensitive parse, and a random split of
        // a time-stamped dataset: what a data scientist might really write.
        const string leaky = """
            using PipelineDsl;

            namespace Consumer;

            [FeatureSet(typeof(Order))]
            public static partial class OrderFeatures
            {
                [Feature] public static float Amount(Order o) => o.Amount;
                [Feature] public static float Risk(Order o) => History.Score(o);
                [Feature] public static float AgeDays(Order o) => (float)(DateTime.Now - o.PlacedAt).TotalDays;
                [Feature] public static float CouponValue(Order o) => (float)double.Parse(o.Coupon);
            }

            internal static class History
            {
                public static float Score(Order o) => Weight(o) * 2f;

                private static float Weight(Order o) => o.Returned ? 1f : 0f;
            }

            [Pipeline("returns", typeof(ReturnModel), Split = SplitStrategy.Random)]
            public static partial class ReturnPipeline;
            """;
        const string fixedSource = """
            using System.Globalization;
            using PipelineDsl;

            namespace Consumer;

            [FeatureSet(typeof(Order))]
            public static partial class OrderFeatures
            {
                [Feature] public static float Amount(Order o) => o.Amount;
                [Feature] public static float AgeDays(Order o) => (float)(o.PlacedAt - new DateTime(2020, 1, 1)).TotalDays;
                [Feature] public static float CouponValue(Order o) => (float)double.Parse(o.Coupon, CultureInfo.InvariantCulture);
            }

            [Pipeline("returns", typeof(ReturnModel), Split = SplitStrategy.Time)]
            public static partial class ReturnPipeline;
            """;

        using (var consumer = new ConsumerProject(feed, new Dictionary<string, string> { ["Model.cs"] = Model, ["Features.cs"] = leaky, ["Program.cs"] = Program }))
        {
            var build = consumer.Build();
            Assert.True(build.ExitCode == 0, build.Output); // warnings, not errors
            Assert.Equal(["PDSL001", "PDSL003", "PDSL101", "PDSL102"], build.Diagnostics.Select(d => d.Split(' ')[0]));
            foreach (var id in new[] { "PDSL001", "PDSL003", "PDSL101", "PDSL102" })
            {
                Assert.Contains($"docs/diagnostics/{id}.md", build.Output, StringComparison.Ordinal);
            }
        }

        using (var consumer = new ConsumerProject(feed, new Dictionary<string, string> { ["Model.cs"] = Model, ["Features.cs"] = fixedSource, ["Program.cs"] = Program }))
        {
            var build = consumer.Build();
            Assert.True(build.ExitCode == 0, build.Output);
            Assert.Empty(build.Diagnostics);
            Assert.DoesNotContain(": warning ", build.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_invalid_declaration_gets_the_generator_diagnostic_with_its_help_link()
    {
        var features = """
            using PipelineDsl;

            namespace Consumer;

            [FeatureSet(typeof(Order))]
            [Window("AmountMean", nameof(Order.Amount), Aggregate.Mean, "thirty days")]
            public static partial class OrderFeatures
            {
                [Feature] public static float Amount(Order o) => o.Amount;
            }
            """;
        using var consumer = new ConsumerProject(feed, new Dictionary<string, string> { ["Model.cs"] = Model, ["Features.cs"] = features, ["Program.cs"] = "return 0;" });

        var build = consumer.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Equal(["PDSL212 Features.cs(6)"], build.Diagnostics);
        Assert.Contains("docs/diagnostics/PDSL212.md", build.Output, StringComparison.Ordinal);
    }
}
