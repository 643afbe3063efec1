using System.Text;

namespace ModelCompress.Engine.Config.Reading;

/// <summary>
/// Builds a settings record's canonical form: <c>kind{key=value;...}</c> with keys in ordinal order, numbers in
/// shortest round-trip invariant form and strings quoted, so key order, whitespace and <c>0.50</c> vs <c>0.5</c>
/// in the YAML never change the cache key, while any change of value does.
/// </summary>
internal sealed class CanonicalText(string kind)
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    public CanonicalText Add(string key, double value) => Set(key, value.ToString("R", CultureInfo.InvariantCulture));

    public CanonicalText Add(string key, int value) => Set(key, value.ToString(CultureInfo.InvariantCulture));

    public CanonicalText Add(string key, bool value) => Set(key, value ? "true" : "false");

    public CanonicalText Add(string key, string value) => Set(key, Quote(value));

    public CanonicalText Add<T>(string key, T value)
        where T : struct, Enum => Set(key, YamlNames.Of(value));

    /// <summary>A list whose order does not matter (node names, op types): sorted and de-duplicated.</summary>
    public CanonicalText AddSet(string key, IEnumerable<string> values) =>
        Set(key, "[" + string.Join(",", values.Distinct().Order(StringComparer.Ordinal).Select(Quote)) + "]");

    /// <summary>A list whose order matters, kept as given.</summary>
    public CanonicalText AddList(string key, IEnumerable<string> values) =>
        Set(key, "[" + string.Join(",", values) + "]");

    public CanonicalText AddRaw(string key, string canonical) => Set(key, canonical);

    public override string ToString() =>
        kind + "{" + string.Join(";", _values.Select(p => p.Key + "=" + p.Value)) + "}";

    private CanonicalText Set(string key, string value)
    {
        _values[key] = value;
        return this;
    }

    private static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                < ' ' => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
