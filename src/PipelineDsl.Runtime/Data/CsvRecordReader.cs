using System.Buffers;

namespace PipelineDsl.Runtime.Data;

/// <summary>
/// A forward-only RFC 4180 CSV reader that exposes each field of the current record as a span, with no
/// per-field allocation. Quoted fields may contain delimiters, doubled quotes and line breaks.
/// Generated dataset readers sit on top of it and do the typed, culture-invariant parsing.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly TextReader _reader;
    private readonly char _delimiter;
    private char[] _chunk = ArrayPool<char>.Shared.Rent(ChunkSize);
    private int _chunkLength;
    private int _chunkPosition;
    private char[] _record = ArrayPool<char>.Shared.Rent(1024);
    private int _recordLength;
    private int[] _fieldEnds = new int[64];
    private int _nextLine = 1;
    private bool _eof;

    /// <summary>Opens <paramref name="path"/> (shared read) and reads its header record.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty or its header repeats a column.</exception>
    public CsvRecordReader(string path, char delimiter = ',')
        : this(OpenText(path), path, delimiter)
    {
    }

    /// <summary>Reads CSV from <paramref name="reader"/>; <paramref name="path"/> names it in messages.</summary>
    public CsvRecordReader(TextReader reader, string path, char delimiter = ',')
    {
        _reader = reader;
        _delimiter = delimiter;
        Path = path;
        if (!ReadRecord())
        {
            Dispose();
            throw new InvalidDataException($"{path}: the file is empty; expected a header line.");
        }

        var header = new string[FieldCount];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = this[i].Trim().ToString();
        }

        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            Dispose();
            throw new InvalidDataException($"{path}:1: the header names column '{duplicate.Key}' more than once.");
        }

        Header = header;
    }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    /// <summary>The header's column names, trimmed.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>1-based line on which the current record starts.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>Field <paramref name="index"/> of the current record, unquoted.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            var start = index == 0 ? 0 : _fieldEnds[index - 1];
            return _record.AsSpan(start, _fieldEnds[index] - start);
        }
    }

    /// <summary>
    /// Finds the column for a member: the header equal to <paramref name="header"/>, otherwise the one equal
    /// ignoring case, underscores, spaces and dashes. Returns -1 when there is none.
    /// </summary>
    public int FindColumn(string header)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], header, StringComparison.Ordinal))
            {
                return i;
            }
        }

        var wanted = Normalize(header);
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Normalize(Header[i]), wanted, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Advances to the next record; <see langword="false"/> at the end of the file. Blank lines are skipped.</summary>
    /// <exception cref="InvalidDataException">A quoted field is not closed before the end of the file.</exception>
    public bool ReadRecord()
    {
        while (true)
        {
            if (!ReadRawRecord())
            {
                return false;
            }

            if (FieldCount > 1 || _fieldEnds[0] > 0)
            {
                return true;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.Dispose();
        if (_chunk.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_chunk);
            ArrayPool<char>.Shared.Return(_record);
            _chunk = [];
            _record = [];
        }
    }

    private static TextReader OpenText(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, ChunkSize);
    }

    private static string Normalize(string name) => HeaderNames.Normalize(name);

    private bool ReadRawRecord()
    {
        if (_eof && _chunkPosition >= _chunkLength)
        {
            return false;
        }

        LineNumber = _nextLine;
        _recordLength = 0;
        FieldCount = 0;
        var inQuotes = false;
        var quotedField = false;
        var any = false;

        while (true)
        {
            if (_chunkPosition >= _chunkLength && !FillChunk())
            {
                if (inQuotes)
                {
                    throw new InvalidDataException($"{Path}:{LineNumber}: a quoted field is not closed before the end of the file.");
                }

                if (!any)
                {
                    return false;
                }

                EndField();
                return true;
            }

            var c = _chunk[_chunkPosition++];
            any = true;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (PeekChar() == '"')
                    {
                        _chunkPosition++;
                        Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _nextLine++;
                    }

                    Append(c);
                }

                continue;
            }

            if (c == _delimiter)
            {
                EndField();
                quotedField = false;
            }
            else if (c == '\n')
            {
                _nextLine++;
                EndField();
                return true;
            }
            else if (c == '\r')
            {
                if (PeekChar() == '\n')
                {
                    _chunkPosition++;
                }

                _nextLine++;
                EndField();
                return true;
            }
            else if (c == '"' && !quotedField && FieldLength() == 0)
            {
                inQuotes = true;
                quotedField = true;
            }
            else
            {
                Append(c);
            }
        }
    }

    private int FieldLength() => _recordLength - (FieldCount == 0 ? 0 : _fieldEnds[FieldCount - 1]);

    private int PeekChar()
    {
        if (_chunkPosition >= _chunkLength && !FillChunk())
        {
            return -1;
        }

        return _chunk[_chunkPosition];
    }

    private bool FillChunk()
    {
        if (_eof)
        {
            return false;
        }

        _chunkLength = _reader.Read(_chunk, 0, _chunk.Length);
        _chunkPosition = 0;
        if (_chunkLength <= 0)
        {
            _chunkLength = 0;
            _eof = true;
            return false;
        }

        return true;
    }

    private void Append(char c)
    {
        if (_recordLength == _record.Length)
        {
            var bigger = ArrayPool<char>.Shared.Rent(_record.Length * 2);
            _record.AsSpan(0, _recordLength).CopyTo(bigger);
            ArrayPool<char>.Shared.Return(_record);
            _record = bigger;
        }

        _record[_recordLength++] = c;
    }

    private void EndField()
    {
        if (FieldCount == _fieldEnds.Length)
        {
            Array.Resize(ref _fieldEnds, _fieldEnds.Length * 2);
        }

        _fieldEnds[FieldCount++] = _recordLength;
    }
}
