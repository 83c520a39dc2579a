using System.Globalization;
using System.Text;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// A hand-written SVG drawing shared by the <c>Svg*</c> plot builders: the root element (with <c>role="img"</c>, a
/// <c>data-plot</c> attribute naming the kind of plot and a <c>&lt;title&gt;</c>), a plot area with a linear scale from
/// data to pixels, axes with grid lines and tick labels, and paths, rectangles and text. Numbers are written with the
/// invariant culture and two decimals at most; every piece of text is escaped. No script, no CSS, no external reference.
/// </summary>
internal sealed class SvgCanvas
{
    /// <summary>The SVG namespace.</summary>
    public const string Namespace = "http://www.w3.org/2000/svg";

    /// <summary>The visible title is cut to this many characters (the full text stays in <c>&lt;title&gt;</c>).</summary>
    private const int VisibleTitleLength = 70;

    private readonly StringBuilder _sb = new();
    private double _xMin;
    private double _xMax = 1;
    private double _yMin;
    private double _yMax = 1;
    private bool _finished;

    /// <summary>Starts a drawing.</summary>
    /// <param name="plot">The <c>data-plot</c> value (<c>roc</c>, <c>calibration</c>, ...).</param>
    /// <param name="title">The title (unescaped): the <c>&lt;title&gt;</c> element and the caption drawn at the top.</param>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <param name="left">The margin left of the plot area (room for the y tick labels and axis label).</param>
    /// <param name="right">The margin right of the plot area.</param>
    /// <param name="top">The margin above the plot area (room for the caption).</param>
    /// <param name="bottom">The margin below the plot area (room for the x tick labels and axis label).</param>
    /// <param name="attributes">More attributes of the root element (names as written, values unescaped), e.g. <c>data-feature</c>.</param>
    public SvgCanvas(
        string plot,
        string title,
        double width = 480,
        double height = 360,
        double left = 62,
        double right = 18,
        double top = 38,
        double bottom = 50,
        IReadOnlyList<(string Name, string Value)>? attributes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(plot);
        ArgumentNullException.ThrowIfNull(title);
        Width = width;
        Height = height;
        Left = left;
        Right = width - right;
        Top = top;
        Bottom = height - bottom;
        var escaped = MarkupText.Escape(title);
        _sb.Append("<svg xmlns=\"").Append(Namespace).Append("\" viewBox=\"0 0 ").Append(Num(width)).Append(' ').Append(Num(height))
            .Append("\" width=\"").Append(Num(width)).Append("\" height=\"").Append(Num(height))
            .Append("\" role=\"img\" data-plot=\"").Append(MarkupText.Escape(plot)).Append("\" aria-label=\"").Append(escaped).Append('"');
        AppendAttributes(attributes);
        _sb.Append(" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"11\">")
            .Append("<title>").Append(escaped).Append("</title>");
        _sb.Append("<rect x=\"0\" y=\"0\" width=\"").Append(Num(width)).Append("\" height=\"").Append(Num(height)).Append("\" fill=\"#ffffff\"/>");
        var visible = title.Length > VisibleTitleLength ? title[..(VisibleTitleLength - 1)] + "\u2026" : title;
        Text(width / 2, 20, visible, anchor: "middle", size: 13, weight: "600", fill: "#111827");
    }

    /// <summary>The drawing's width in pixels.</summary>
    public double Width { get; }

    /// <summary>The drawing's height in pixels.</summary>
    public double Height { get; }

    /// <summary>The plot area's left edge, in pixels.</summary>
    public double Left { get; }

    /// <summary>The plot area's right edge, in pixels.</summary>
    public double Right { get; }

    /// <summary>The plot area's top edge, in pixels.</summary>
    public double Top { get; }

    /// <summary>The plot area's bottom edge, in pixels.</summary>
    public double Bottom { get; }

    /// <summary>Sets the data ranges the plot area shows (an empty range is widened so that it can be drawn).</summary>
    public void Scale(double xMin, double xMax, double yMin, double yMax)
    {
        (_xMin, _xMax) = Widen(xMin, xMax);
        (_yMin, _yMax) = Widen(yMin, yMax);
    }

    /// <summary>The pixel x of data value <paramref name="x"/>.</summary>
    public double X(double x) => Left + ((x - _xMin) / (_xMax - _xMin) * (Right - Left));

    /// <summary>The pixel y of data value <paramref name="y"/> (up is larger).</summary>
    public double Y(double y) => Bottom - ((y - _yMin) / (_yMax - _yMin) * (Bottom - Top));

    /// <summary>Draws grid lines, the axes, tick marks with their labels, and the axis labels.</summary>
    public void Axes(IReadOnlyList<double> xTicks, IReadOnlyList<double> yTicks, string xLabel, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(xTicks);
        ArgumentNullException.ThrowIfNull(yTicks);
        var grid = new StringBuilder();
        foreach (var t in xTicks)
        {
            grid.Append('M').Append(Num(X(t))).Append(' ').Append(Num(Top)).Append('V').Append(Num(Bottom));
        }

        foreach (var t in yTicks)
        {
            grid.Append('M').Append(Num(Left)).Append(' ').Append(Num(Y(t))).Append('H').Append(Num(Right));
        }

        if (grid.Length > 0)
        {
            RawPath(grid.ToString(), stroke: "#e5e7eb", width: 1, series: "grid");
        }

        var ticks = new StringBuilder();
        foreach (var t in xTicks)
        {
            ticks.Append('M').Append(Num(X(t))).Append(' ').Append(Num(Bottom)).Append("v4");
        }

        foreach (var t in yTicks)
        {
            ticks.Append('M').Append(Num(Left)).Append(' ').Append(Num(Y(t))).Append("h-4");
        }

        RawPath($"M{Num(Left)} {Num(Top)}V{Num(Bottom)}H{Num(Right)}" + ticks, stroke: "#374151", width: 1, series: "axes");
        var xStep = Step(xTicks);
        foreach (var t in xTicks)
        {
            Text(X(t), Bottom + 16, TickLabel(t, xStep), anchor: "middle");
        }

        var yStep = Step(yTicks);
        foreach (var t in yTicks)
        {
            Text(Left - 7, Y(t) + 4, TickLabel(t, yStep), anchor: "end");
        }

        Text((Left + Right) / 2, Height - 12, xLabel, anchor: "middle", size: 12, fill: "#111827");
        Text(16, (Top + Bottom) / 2, yLabel, anchor: "middle", size: 12, fill: "#111827", rotate: -90);
    }

    /// <summary>A polyline through data points (non-finite points are skipped).</summary>
    public void Line(IEnumerable<(double X, double Y)> points, string stroke, double width = 2, string? dash = null, string? fill = null, string? series = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var d = new StringBuilder();
        foreach (var (x, y) in points)
        {
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                continue;
            }

            d.Append(d.Length == 0 ? 'M' : 'L').Append(Num(X(x))).Append(' ').Append(Num(Y(y)));
        }

        if (d.Length > 0)
        {
            RawPath(d.ToString(), stroke, width, dash, fill, series);
        }
    }

    /// <summary>
    /// Dots at data points, as one path of zero-length segments with round caps: a fraction of the size of one
    /// <c>&lt;circle&gt;</c> per point.
    /// </summary>
    public void Dots(IEnumerable<(double X, double Y)> points, string color, double diameter = 4, double opacity = 0.55, string series = "points")
    {
        ArgumentNullException.ThrowIfNull(points);
        var d = new StringBuilder();
        foreach (var (x, y) in points)
        {
            if (double.IsFinite(x) && double.IsFinite(y))
            {
                d.Append('M').Append(Num(X(x))).Append(' ').Append(Num(Y(y))).Append("h0");
            }
        }

        if (d.Length > 0)
        {
            _sb.Append("<path data-series=\"").Append(MarkupText.Escape(series)).Append("\" d=\"").Append(d).Append("\" fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"").Append(Num(diameter))
                .Append("\" stroke-linecap=\"round\" stroke-opacity=\"").Append(Num(opacity)).Append("\"/>");
        }
    }

    /// <summary>A path given in pixel coordinates; <paramref name="series"/> names what it draws (a <c>data-series</c> attribute).</summary>
    public void RawPath(
        string d, string stroke, double width = 1, string? dash = null, string? fill = null, string? series = null, IReadOnlyList<(string Name, string Value)>? attributes = null)
    {
        _sb.Append("<path ");
        if (series is not null)
        {
            _sb.Append("data-series=\"").Append(MarkupText.Escape(series)).Append("\" ");
        }

        if (attributes is { Count: > 0 })
        {
            AppendAttributes(attributes);
            _sb.Append(' ');
        }

        _sb.Append("d=\"").Append(d).Append("\" fill=\"").Append(fill ?? "none").Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(Num(width)).Append('"');
        if (dash is not null)
        {
            _sb.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        }

        _sb.Append("/>");
    }

    /// <summary>A circle in pixel coordinates, with an optional tooltip.</summary>
    public void Circle(double cx, double cy, double r, string fill, string? tooltip = null)
    {
        _sb.Append("<circle cx=\"").Append(Num(cx)).Append("\" cy=\"").Append(Num(cy)).Append("\" r=\"").Append(Num(r)).Append("\" fill=\"").Append(fill).Append('"');
        CloseWithTooltip("circle", tooltip);
    }

    /// <summary>A rectangle in pixel coordinates, with an optional tooltip.</summary>
    public void Rect(
        double x, double y, double width, double height, string fill, string? stroke = null, string? tooltip = null, double opacity = 1, IReadOnlyList<(string Name, string Value)>? attributes = null)
    {
        _sb.Append("<rect");
        AppendAttributes(attributes);
        _sb.Append(" x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y)).Append("\" width=\"").Append(Num(Math.Max(0, width)))
            .Append("\" height=\"").Append(Num(Math.Max(0, height))).Append("\" fill=\"").Append(fill).Append('"');
        if (stroke is not null)
        {
            _sb.Append(" stroke=\"").Append(stroke).Append('"');
        }

        if (opacity < 1)
        {
            _sb.Append(" fill-opacity=\"").Append(Num(opacity)).Append('"');
        }

        CloseWithTooltip("rect", tooltip);
    }

    /// <summary>Text at a pixel position (the baseline), escaped.</summary>
    public void Text(double x, double y, string text, string anchor = "start", double size = 11, string fill = "#374151", string? weight = null, double rotate = 0)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        _sb.Append("<text x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y)).Append("\" text-anchor=\"").Append(anchor).Append('"');
        if (size != 11)
        {
            _sb.Append(" font-size=\"").Append(Num(size)).Append('"');
        }

        if (weight is not null)
        {
            _sb.Append(" font-weight=\"").Append(weight).Append('"');
        }

        _sb.Append(" fill=\"").Append(fill).Append('"');
        if (rotate != 0)
        {
            _sb.Append(" transform=\"rotate(").Append(Num(rotate)).Append(' ').Append(Num(x)).Append(' ').Append(Num(y)).Append(")\"");
        }

        _sb.Append('>').Append(MarkupText.Escape(text)).Append("</text>");
    }

    /// <summary>Closes the drawing and returns it.</summary>
    public string Finish()
    {
        if (!_finished)
        {
            _sb.Append("</svg>");
            _finished = true;
        }

        return _sb.ToString();
    }

    /// <summary>A pixel coordinate or size: invariant culture, at most two decimals, never <c>-0</c>.</summary>
    public static string Num(double value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// About <paramref name="target"/> round tick values (steps of 1, 2 or 5 times a power of ten) covering
    /// [<paramref name="min"/>, <paramref name="max"/>].
    /// </summary>
    public static IReadOnlyList<double> NiceTicks(double min, double max, int target = 5)
    {
        (min, max) = Widen(min, max);
        var raw = (max - min) / Math.Max(1, target);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / power) switch
        {
            <= 1 => power,
            <= 2 => 2 * power,
            <= 5 => 5 * power,
            _ => 10 * power,
        };
        var ticks = new List<double>();
        for (var t = Math.Ceiling((min / step) - 1e-9) * step; t <= max + (step * 1e-9); t += step)
        {
            // Snap to the step's grid so that 0.30000000000000004 prints and compares as 0.3.
            var snapped = Math.Round(Math.Round(t / step) * step, 12);
            ticks.Add(Math.Abs(snapped) < step * 1e-9 ? 0 : snapped);
        }

        return ticks;
    }

    /// <summary>The range rounded out to the tick grid (the axes end on a tick).</summary>
    public static (double Min, double Max) NiceRange(double min, double max, int target = 5)
    {
        (min, max) = Widen(min, max);
        var ticks = NiceTicks(min, max, target);
        var step = ticks.Count > 1 ? ticks[1] - ticks[0] : 1;
        return (Math.Min(min, Math.Floor((min / step) + 1e-9) * step), Math.Max(max, Math.Ceiling((max / step) - 1e-9) * step));
    }

    /// <summary>
    /// A tick label with as many decimals as the tick step needs; thousands and millions abbreviated by the step
    /// (<c>200k</c>, <c>1.5M</c>) so that long numbers fit beside the axis.
    /// </summary>
    public static string TickLabel(double value, double step)
    {
        var (scale, suffix) = step >= 1e6 ? (1e6, "M") : step >= 1e3 ? (1e3, "k") : (1.0, string.Empty);
        var scaledStep = step / scale;
        var decimals = scaledStep > 0 && scaledStep < 1
            ? Math.Min(6, (int)Math.Ceiling(-Math.Log10(scaledStep) - 1e-9))
            : Math.Abs(scaledStep - Math.Round(scaledStep)) > 1e-9 ? 1 : 0;
        var text = (value / scale).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (text.TrimStart('-').Trim('0', '.').Length == 0)
        {
            return decimals == 0 ? "0" : text.TrimStart('-');
        }

        return text + suffix;
    }

    private static double Step(IReadOnlyList<double> ticks) => ticks.Count > 1 ? ticks[1] - ticks[0] : 1;

    private static (double Min, double Max) Widen(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return (0, 1);
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max - min < 1e-12)
        {
            var pad = Math.Abs(min) > 1e-12 ? Math.Abs(min) * 0.1 : 0.5;
            return (min - pad, max + pad);
        }

        return (min, max);
    }

    /// <summary>Appends <c> name="value"</c> for each attribute (the value escaped).</summary>
    private void AppendAttributes(IReadOnlyList<(string Name, string Value)>? attributes)
    {
        foreach (var (name, value) in attributes ?? [])
        {
            _sb.Append(' ').Append(name).Append("=\"").Append(MarkupText.Escape(value)).Append('"');
        }
    }

    private void CloseWithTooltip(string element, string? tooltip)
    {
        if (tooltip is null)
        {
            _sb.Append("/>");
            return;
        }

        _sb.Append("><title>").Append(MarkupText.Escape(tooltip)).Append("</title></").Append(element).Append('>');
    }
}
