using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace PipelineDsl.Runtime.Evaluation;

/// <summary>
/// A dataset member's value as text (invariant culture), for grouping holdout rows into slices and fairness groups.
/// The getter is compiled once per member.
/// </summary>
public static class MemberText<TRow>
{
    private static readonly ConcurrentDictionary<string, Func<TRow, string>> Getters = new(StringComparer.Ordinal);

    /// <summary>The getter of <paramref name="member"/> (a public property or field of the row type).</summary>
    /// <exception cref="InvalidOperationException">The row type has no such member.</exception>
    public static Func<TRow, string> For(string member) => Getters.GetOrAdd(member, Compile);

    private static Func<TRow, string> Compile(string member)
    {
        var info = (MemberInfo?)typeof(TRow).GetProperty(member, BindingFlags.Public | BindingFlags.Instance)
            ?? typeof(TRow).GetField(member, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"Dataset row {typeof(TRow).Name} has no public member '{member}'.");
        var row = Expression.Parameter(typeof(TRow), "row");
        var value = Expression.Convert(Expression.MakeMemberAccess(row, info), typeof(object));
        var getter = Expression.Lambda<Func<TRow, object?>>(value, row).Compile();
        return r => getter(r) switch
        {
            null => "(missing)",
            string s => s,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? "(missing)",
        };
    }
}
