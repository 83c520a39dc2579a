using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace PipelineDsl.Analyzers;

/// <summary>
/// One problem found in a method body: the rule, what was read or called, where (in that body) and through which of
/// the user's own calls it was reached. Lives only in the per-compilation cache, never across compilations.
/// </summary>
internal sealed class Finding
{
    public Finding(string id, string detail, Location location, ITypeSymbol? subject = null, string extra = "")
        : this(id, detail, location, subject, extra, ImmutableArray<string>.Empty)
    {
    }

    private Finding(string id, string detail, Location location, ITypeSymbol? subject, string extra, ImmutableArray<string> chain)
    {
        Id = id;
        Detail = detail;
        Location = location;
        Subject = subject;
        Extra = extra;
        Chain = chain;
    }

    /// <summary>The diagnostic ID.</summary>
    public string Id { get; }

    /// <summary>The member or API named in the message, e.g. <c>Churn</c> or <c>DateTime.Now</c>.</summary>
    public string Detail { get; }

    /// <summary>A second message argument where the rule has one (PDSL004: the row type).</summary>
    public string Extra { get; }

    /// <summary>Where to report: the read itself, or the call in the analysed method that leads to it.</summary>
    public Location Location { get; }

    /// <summary>The dataset type the finding is about (PDSL001, PDSL004): only the feature's own dataset counts.</summary>
    public ITypeSymbol? Subject { get; }

    /// <summary>The callees between the analysed method and the read, outermost first.</summary>
    public ImmutableArray<string> Chain { get; }

    /// <summary><c>""</c> for a direct read, else <c>" through Helper() -> Inner()"</c>.</summary>
    public string ChainText => Chain.IsEmpty ? "" : " through " + string.Join(" -> ", Chain);

    /// <summary>This finding as seen from a caller: reported at the call site, with the callee prepended to the chain.</summary>
    public Finding Through(Location callSite, string callee) => new(Id, Detail, callSite, Subject, Extra, Chain.Insert(0, callee));

    /// <summary>Identity for de-duplication: the same rule, place, subject and chain.</summary>
    public string Key => Id + "|" + Location.SourceSpan.Start.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + Detail + "|" + Extra + "|" + ChainText;
}
