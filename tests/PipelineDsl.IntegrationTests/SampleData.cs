namespace PipelineDsl.IntegrationTests;

/// <summary>Where the samples' data files land in the test output (copied from the sample projects).</summary>
internal static class SampleData
{
    public static string Churn => Path.Combine(AppContext.BaseDirectory, "data", "churn.csv");

    public static string Ames => Path.Combine(AppContext.BaseDirectory, "data", "ames.csv");

    public static string StationDays => Path.Combine(AppContext.BaseDirectory, "data", "station_days.csv");

    public static string Weather => Path.Combine(AppContext.BaseDirectory, "data", "weather.csv");

    public static string Network => Path.Combine(AppContext.BaseDirectory, "data", "network.csv");

    /// <summary>The repository root (the folder holding PipelineDsl.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PipelineDsl.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("PipelineDsl.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
