using System.Text.RegularExpressions;

namespace Kiln.Alerts.Routing;

/// <summary>One Alertmanager matcher: <c>name=value</c>, <c>name!=value</c>, <c>name=~regex</c> or <c>name!~regex</c>.</summary>
public sealed record Matcher(string Name, string Value, bool IsRegex = false, bool IsEqual = true)
{
    private static readonly Regex Syntax = new("""^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"?(.*?)"?\s*$""", RegexOptions.Compiled);
    private Regex? compiled;

    /// <summary>Parses the string form used in configuration, e.g. <c>severity=~"error|critical"</c>.</summary>
    public static Matcher Parse(string text)
    {
        var match = Syntax.Match(text);
        if (!match.Success) throw new FormatException($"'{text}' is not a matcher (name=value, name!=value, name=~regex, name!~regex).");
        var op = match.Groups[2].Value;
        var matcher = new Matcher(match.Groups[1].Value, match.Groups[3].Value, op.EndsWith('~'), !op.StartsWith('!'));
        matcher.Validate();
        return matcher;
    }

    /// <summary>Throws when the regex does not compile.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new FormatException("A matcher needs a label name.");
        if (IsRegex) _ = Pattern;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var value = labels.TryGetValue(Name, out var v) ? v : "";
        var equal = IsRegex ? Pattern.IsMatch(value) : value == Value;
        return equal == IsEqual;
    }

    // Anchored like Alertmanager's: the whole value has to match.
    private Regex Pattern => compiled ??= new Regex($"^(?:{Value})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    public override string ToString() => $"{Name}{(IsEqual ? "" : "!")}{(IsRegex ? "=~" : "=")}\"{Value}\"";
}

/// <summary>All matchers of a list must match (an empty list matches everything).</summary>
public static class MatcherList
{
    public static bool MatchesAll(this IEnumerable<Matcher> matchers, IReadOnlyDictionary<string, string> labels) =>
        matchers.All(m => m.Matches(labels));
}
