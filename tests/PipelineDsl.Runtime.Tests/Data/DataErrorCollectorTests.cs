using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime.Tests.Data;

public class DataErrorCollectorTests
{
    [Fact]
    public void Keeps_the_first_errors_and_counts_all()
    {
        var collector = new DataErrorCollector("data.csv", maxReported: 3);
        for (var i = 0; i < 10; i++)
        {
            collector.Add(i + 2, "age", "range", "too old");
        }

        collector.Add(50, "name", "missing", "empty");
        var report = collector.ToReport();
        Assert.Equal(11, report.TotalCount);
        Assert.Equal(3, report.Errors.Count);
        Assert.Equal(2, report.Errors[0].Line);
        Assert.Equal(10, report.CountsByColumnAndRule["age/range"]);
        Assert.Equal(1, report.CountsByColumnAndRule["name/missing"]);
        var text = report.Format();
        Assert.Contains("11 errors (first 3 shown)", text);
        Assert.Contains("data.csv:2: column 'age': range: too old", text);
        Assert.Contains("age/range: 10", text);
    }

    [Fact]
    public void Empty_collector_gives_the_empty_report()
    {
        var report = new DataErrorCollector("x.csv").ToReport();
        Assert.True(report.IsEmpty);
        Assert.Equal("no errors", report.Format());
    }
}
