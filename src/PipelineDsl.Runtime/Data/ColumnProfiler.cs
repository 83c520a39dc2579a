namespace PipelineDsl.Runtime.Data;

/// <summary>
/// Computes a <see cref="DatasetProfile"/> from a CSV file and the dataset's declared columns in one streaming pass:
/// per column the row and null counts; for numeric and boolean columns (true = 1, false = 0) the mean, the sample
/// standard deviation and the quantiles <see cref="QuantileLevels"/>; for string columns the distinct count and the
/// <see cref="TopValueCount"/> most frequent values; for date-time columns the earliest and latest value. Cells are
/// parsed exactly as the generated readers parse them (<see cref="CellParser"/>, invariant culture, a <c>float</c>
/// member read as a <c>float</c>). Memory: one <see cref="double"/> per numeric cell (quantiles are exact), one entry
/// per distinct string.
/// </summary>
public static class ColumnProfiler
{
    /// <summary>How many of the most frequent values a categorical column's profile keeps.</summary>
    public const int TopValueCount = 20;

    /// <summary>The quantiles every numeric column's profile has: p01, p05, p25, p50, p75, p95, p99.</summary>
    public static IReadOnlyList<double> QuantileLevels { get; } = [0.01, 0.05, 0.25, 0.50, 0.75, 0.95, 0.99];

    /// <summary>Which statistics a column of type <paramref name="type"/> gets.</summary>
    public static ColumnProfileKind KindOf(ColumnType type) => type switch
    {
        ColumnType.String => ColumnProfileKind.Categorical,
        ColumnType.DateTime => ColumnProfileKind.DateTime,
        _ => ColumnProfileKind.Numeric,
    };

    /// <summary>Profiles the CSV file at <paramref name="path"/>.</summary>
    /// <param name="path">The file (a stored snapshot or a source file).</param>
    /// <param name="dataset">The dataset's name.</param>
    /// <param name="columns">
    /// The dataset's declared columns; each is found in the header as the generated reader finds it, and named in the
    /// profile by the header the file gives it.
    /// </param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header lacks a declared column, or a record has the wrong number of fields.</exception>
    public static DatasetProfile Profile(
        string path, string dataset, IReadOnlyList<ColumnDefinition> columns, char delimiter = ',', CancellationToken cancellationToken = default)
    {
        using var csv = new CsvRecordReader(path, delimiter);
        return Profile(csv, dataset, columns, cancellationToken);
    }

    /// <summary>Profiles CSV text from <paramref name="reader"/>; <paramref name="path"/> names it in messages.</summary>
    /// <inheritdoc cref="Profile(string, string, IReadOnlyList{ColumnDefinition}, char, CancellationToken)"/>
    public static DatasetProfile Profile(
        TextReader reader, string path, string dataset, IReadOnlyList<ColumnDefinition> columns, char delimiter = ',', CancellationToken cancellationToken = default)
    {
        using var csv = new CsvRecordReader(reader, path, delimiter);
        return Profile(csv, dataset, columns, cancellationToken);
    }

    /// <summary>
    /// The <paramref name="level"/> quantile of <paramref name="sorted"/> (ascending, not empty) by linear interpolation
    /// between order statistics (Hyndman and Fan type 7, the default of R, NumPy and Excel's PERCENTILE.INC):
    /// with h = (n - 1) * level, x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]), 0-based.
    /// </summary>
    public static double Quantile(IReadOnlyList<double> sorted, double level)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("The quantile of no values is undefined.", nameof(sorted));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(level, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 1.0);
        var h = (sorted.Count - 1) * level;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((h - lower) * (sorted[upper] - sorted[lower]));
    }

    private static DatasetProfile Profile(CsvRecordReader csv, string dataset, IReadOnlyList<ColumnDefinition> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(columns);
        var indices = new int[columns.Count];
        var accumulators = new Accumulator[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            indices[i] = csv.FindColumn(columns[i].Header);
            if (indices[i] < 0)
            {
                throw new InvalidDataException(
                    $"{csv.Path}: dataset {dataset} declares column '{columns[i].Header}', which the header does not have; the file has: {string.Join(", ", csv.Header)}.");
            }

            accumulators[i] = new Accumulator(columns[i], csv.Header[indices[i]]);
        }

        var width = csv.Header.Count;
        var rows = 0;
        while (csv.ReadRecord())
        {
            if ((rows & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (csv.FieldCount != width)
            {
                throw new InvalidDataException($"{csv.Path}:{csv.LineNumber}: expected {width} fields, found {csv.FieldCount}.");
            }

            for (var i = 0; i < accumulators.Length; i++)
            {
                accumulators[i].Add(csv[indices[i]]);
            }

            rows++;
        }

        return new DatasetProfile(
            dataset,
            rows,
            columns.Select((c, i) => SchemaColumn.Of(c, csv.Header[indices[i]])).ToArray(),
            accumulators.Select(a => a.ToProfile(rows)).ToArray());
    }

    /// <summary>What one column's pass keeps.</summary>
    private sealed class Accumulator(ColumnDefinition column, string header)
    {
        private readonly ColumnDefinition _column = column;
        private readonly string _header = header;
        private readonly ColumnProfileKind _kind = KindOf(column.Type);
        private readonly List<double> _numbers = [];
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
        private DateTime? _minTime;
        private DateTime? _maxTime;
        private int _nulls;
        private int _invalid;

        public void Add(ReadOnlySpan<char> cell)
        {
            if (CellParser.IsMissing(cell))
            {
                _nulls++;
                return;
            }

            switch (_column.Type)
            {
                case ColumnType.String:
                    var lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
                    lookup[cell] = lookup.TryGetValue(cell, out var count) ? count + 1 : 1;
                    break;
                case ColumnType.DateTime:
                    if (CellParser.TryParseDateTime(cell, out var time))
                    {
                        _minTime = _minTime is { } min && min <= time ? min : time;
                        _maxTime = _maxTime is { } max && max >= time ? max : time;
                    }
                    else
                    {
                        _invalid++;
                    }

                    break;
                default:
                    if (TryParseNumber(cell, out var number) && double.IsFinite(number))
                    {
                        _numbers.Add(number);
                    }
                    else
                    {
                        _invalid++;
                    }

                    break;
            }
        }

        public ColumnProfile ToProfile(int rows)
        {
            var profile = new ColumnProfile(_header, _kind, rows, _nulls) { InvalidCount = _invalid };
            return _kind switch
            {
                ColumnProfileKind.Numeric when _numbers.Count > 0 => WithNumbers(profile),
                ColumnProfileKind.Categorical when _counts.Count > 0 => profile with
                {
                    DistinctCount = _counts.Count,
                    TopValues = _counts
                        .OrderByDescending(kv => kv.Value)
                        .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                        .Take(TopValueCount)
                        .Select(kv => new ValueCount(kv.Key, kv.Value))
                        .ToArray(),
                },
                ColumnProfileKind.DateTime when _minTime is not null => profile with { MinTime = _minTime, MaxTime = _maxTime },
                _ => profile,
            };
        }

        private ColumnProfile WithNumbers(ColumnProfile profile)
        {
            var sorted = _numbers.ToArray();
            Array.Sort(sorted);
            var n = sorted.Length;
            var sum = 0.0;
            foreach (var x in sorted)
            {
                sum += x;
            }

            var mean = sum / n;
            var squares = 0.0;
            foreach (var x in sorted)
            {
                squares += (x - mean) * (x - mean);
            }

            return profile with
            {
                Mean = mean,
                Std = n > 1 ? Math.Sqrt(squares / (n - 1)) : 0.0,
                Min = sorted[0],
                Max = sorted[^1],
                Quantiles = QuantileLevels.Select(level => new QuantileValue(level, Quantile(sorted, level))).ToArray(),
            };
        }

        private bool TryParseNumber(ReadOnlySpan<char> cell, out double value)
        {
            bool ok;
            switch (_column.Type)
            {
                case ColumnType.Boolean:
                    ok = CellParser.TryParseBoolean(cell, out var flag);
                    value = flag ? 1.0 : 0.0;
                    return ok;
                case ColumnType.Int32:
                    ok = CellParser.TryParseInt32(cell, out var int32);
                    value = int32;
                    return ok;
                case ColumnType.Int64:
                    ok = CellParser.TryParseInt64(cell, out var int64);
                    value = int64;
                    return ok;
                case ColumnType.Single:
                    ok = CellParser.TryParseSingle(cell, out var single);
                    value = single;
                    return ok;
                case ColumnType.Decimal:
                    ok = CellParser.TryParseDecimal(cell, out var dec);
                    value = (double)dec;
                    return ok;
                default:
                    return CellParser.TryParseDouble(cell, out value);
            }
        }
    }
}
