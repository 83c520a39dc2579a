using System;
using System.Text;

namespace PipelineDsl.Generators.Helpers;

/// <summary>
/// A small indented text writer for emitting C#: cheaper than building syntax trees and normalizing
/// whitespace. Always writes <c>\n</c> line endings so output is identical on every OS.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    /// <summary>Writes one indented line (or an empty line).</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _sb.Append(' ', _indent * 4).Append(text);
        }

        _sb.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="text"/> and an opening brace, then indents.</summary>
    public SourceWriter Open(string text = "")
    {
        if (text.Length > 0)
        {
            Line(text);
        }

        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Outdents and writes a closing brace plus an optional suffix (<c>;</c>, <c>,</c>).</summary>
    public SourceWriter Close(string suffix = "")
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Unbalanced Close().");
        }

        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Increases the indentation.</summary>
    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    /// <summary>Decreases the indentation.</summary>
    public SourceWriter Outdent()
    {
        _indent--;
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => _sb.ToString();
}
