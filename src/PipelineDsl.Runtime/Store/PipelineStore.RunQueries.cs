using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PipelineDsl.Runtime.Store;

public sealed partial class PipelineStore
{
    // The SQL function that reads a parameter's text as a number (NULL when it is not one), registered once per connection.
    private const string NumberFunction = "pdsl_number";

    private bool _runQueryFunctionsRegistered;

    /// <summary>
    /// The runs that match <paramref name="query"/>, each with its params, metrics, gate verdicts and node outcomes.
    /// Filtering, sorting and the limit run in SQL (one statement picks the runs, four more load what was recorded
    /// against them), so a query over thousands of runs costs the same handful of statements.
    /// </summary>
    /// <exception cref="ArgumentException">The limit is below 1, or a metric condition's operand is not a finite number.</exception>
    public IReadOnlyList<RunDetails> QueryRuns(RunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit < 1)
        {
            throw new ArgumentException($"the limit must be at least 1, got {query.Limit}.", nameof(query));
        }

        var parameters = new List<(string Name, object? Value)>
        {
            ("@pipeline", query.Pipeline),
            ("@status", query.Status),
            ("@limit", query.Limit),
        };
        var sql = new StringBuilder("SELECT r.id, r.pipeline, r.status, r.started_utc, r.finished_utc, r.message, r.data_hash FROM runs r");
        if (query.SortMetric is not null)
        {
            sql.Append(" LEFT JOIN run_metrics s ON s.run_id = r.id AND s.key = @sort AND s.step = 0");
            parameters.Add(("@sort", query.SortMetric));
        }

        sql.Append(" WHERE (CAST(@pipeline AS TEXT) IS NULL OR r.pipeline = @pipeline) AND (CAST(@status AS TEXT) IS NULL OR r.status = @status)");
        for (var i = 0; i < query.Conditions.Count; i++)
        {
            sql.Append(" AND ").Append(ConditionSql(query.Conditions[i], i, parameters));
        }

        sql.Append(" ORDER BY ");
        if (query.SortMetric is not null)
        {
            // Runs without the metric (or with an undefined one, stored as NULL) last, whatever the direction.
            sql.Append("(s.value IS NULL), s.value ").Append(query.SortsDescending ? "DESC" : "ASC").Append(", ");
        }

        sql.Append($"r.started_utc DESC, r.{Seq} DESC LIMIT @limit");

        lock (_gate)
        {
            RegisterRunQueryFunctions();
            IReadOnlyList<RunRecord> runs;
            using (var command = Query(sql.ToString(), [.. parameters]))
            {
                runs = ReadRuns(command);
            }

            return LoadDetails(runs);
        }
    }

    /// <summary>
    /// The runs whose id starts with <paramref name="prefix"/>, by id, at most <paramref name="limit"/> of them; a run
    /// whose id equals the prefix comes first.
    /// </summary>
    public IReadOnlyList<RunRecord> FindRunsByIdPrefix(string prefix, int limit = 20)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        lock (_gate)
        {
            using var command = Query(
                "SELECT id, pipeline, status, started_utc, finished_utc, message, data_hash FROM runs " +
                "WHERE substr(id, 1, length(@prefix)) = @prefix ORDER BY (id = @prefix) DESC, id LIMIT @limit",
                ("@prefix", prefix), ("@limit", Math.Max(1, limit)));
            return ReadRuns(command);
        }
    }

    /// <summary>The SQL of one condition, as an <c>EXISTS</c> over the run's metrics or params; adds its parameters.</summary>
    private static string ConditionSql(RunCondition condition, int index, List<(string Name, object? Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var key = "@k" + index.ToString(CultureInfo.InvariantCulture);
        var value = "@v" + index.ToString(CultureInfo.InvariantCulture);
        var number = "@n" + index.ToString(CultureInfo.InvariantCulture);
        var op = condition.Operator switch
        {
            RunConditionOperator.Equal => "=",
            RunConditionOperator.NotEqual => "<>",
            RunConditionOperator.LessThan => "<",
            RunConditionOperator.LessThanOrEqual => "<=",
            RunConditionOperator.GreaterThan => ">",
            RunConditionOperator.GreaterThanOrEqual => ">=",
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Operator, "unknown operator"),
        };
        parameters.Add((key, condition.Key));
        var operand = RunCondition.ParseNumber(condition.Value);
        if (condition.Source == RunConditionSource.Metric)
        {
            if (operand is null)
            {
                throw new ArgumentException($"the condition '{condition}' compares a metric with '{condition.Value}', which is not a finite number.", nameof(condition));
            }

            parameters.Add((value, operand.Value));

            // An undefined metric is stored as NULL and so matches no comparison.
            return $"EXISTS (SELECT 1 FROM run_metrics m WHERE m.run_id = r.id AND m.key = {key} AND m.step = 0 AND m.value {op} {value})";
        }

        parameters.Add((value, condition.Value));
        parameters.Add((number, operand));
        var stored = $"{NumberFunction}(p.value)";

        // Equal: the same text, or the same number when both sides are numbers ("31" = "31.0").
        var equal = $"(p.value = {value} OR COALESCE({stored} = {number}, FALSE))";
        var predicate = condition.Operator switch
        {
            RunConditionOperator.Equal => equal,
            RunConditionOperator.NotEqual => $"NOT {equal}",

            // Ordering: numerically against a number (a value that is not one does not match), as text otherwise.
            _ when operand is not null => $"({stored} IS NOT NULL AND {stored} {op} {number})",
            _ => $"p.value {op} {value}",
        };
        return $"EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = r.id AND p.key = {key} AND {predicate})";
    }

    private void RegisterRunQueryFunctions()
    {
        if (_runQueryFunctionsRegistered)
        {
            return;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);

        // On PostgreSQL the function is part of the schema (StoreDialect.NumberFunctionStatements).
        if (_connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            sqlite.CreateFunction<string?, double?>(NumberFunction, RunCondition.ParseNumber, isDeterministic: true);
        }

        _runQueryFunctionsRegistered = true;
    }

    /// <summary>The details of <paramref name="runs"/>, in their order, with four statements whatever their number.</summary>
    private List<RunDetails> LoadDetails(IReadOnlyList<RunRecord> runs)
    {
        var result = new List<RunDetails>(runs.Count);
        if (runs.Count == 0)
        {
            return result;
        }

        var ids = ("@ids", (object?)JsonSerializer.Serialize(runs.Select(r => r.Id).ToArray()));
        var selected = $"run_id IN ({_dialect.JsonTextArray("@ids")})";
        var parameters = runs.ToDictionary(r => r.Id, _ => new Dictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
        using (var command = Query($"SELECT run_id, key, value FROM run_params WHERE {selected} ORDER BY run_id, key", ids))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                parameters[reader.GetString(0)][reader.GetString(1)] = reader.GetString(2);
            }
        }

        var metrics = runs.ToDictionary(r => r.Id, _ => new List<MetricRecord>(), StringComparer.Ordinal);
        using (var command = Query($"SELECT run_id, key, value, step FROM run_metrics WHERE {selected} ORDER BY run_id, key, step", ids))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                metrics[reader.GetString(0)].Add(new MetricRecord(reader.GetString(1), ReadReal(reader, 2), reader.GetInt32(3)));
            }
        }

        var gates = runs.ToDictionary(r => r.Id, _ => new List<GateResultRecord>(), StringComparer.Ordinal);
        using (var command = Query(
            $"SELECT run_id, rule, metric, comparison, threshold, value, passed FROM gate_results WHERE {selected} ORDER BY {Seq}", ids))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                gates[reader.GetString(0)].Add(new GateResultRecord(
                    reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4), ReadReal(reader, 5), reader.GetInt32(6) != 0));
            }
        }

        var nodes = runs.ToDictionary(r => r.Id, _ => new List<RunNodeRecord>(), StringComparer.Ordinal);
        using (var command = Query($"SELECT run_id, node_id, status, elapsed_ms, summary FROM run_nodes WHERE {selected} ORDER BY {Seq}", ids))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                nodes[reader.GetString(0)].Add(new RunNodeRecord(
                    reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        foreach (var run in runs)
        {
            result.Add(new RunDetails(run, parameters[run.Id], metrics[run.Id], gates[run.Id], nodes[run.Id]));
        }

        return result;
    }
}
