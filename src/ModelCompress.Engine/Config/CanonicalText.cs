using System.Globalization;

namespace ModelCompress.Engine.Config;

/// <summary>
/// The canonical text of a step's settings: every value that changes the result, defaults filled in, keys sorted,
/// numbers in round-trip invariant form. Key order and whitespace in the YAML never change it.
/// </summary>
internal sealed class CanonicalText
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    public CanonicalText Add(string key, string? value)
    {
        _values[key] = value ?? "~";
        return this;
    }

    public CanonicalText Add(string key, double value) => Add(key, value.ToString("R", CultureInfo.InvariantCulture));

    public CanonicalText Add(string key, int value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public CanonicalText Add(string key, int? value) => Add(key, value?.ToString(CultureInfo.InvariantCulture));

    public CanonicalText Add(string key, bool value) => Add(key, value ? "true" : "false");

    public CanonicalText Add(string key, IReadOnlyList<string>? values) => Add(key, values is null ? null : "[" + string.Join(",", values) + "]");

    public CanonicalText Add(string prefix, CanonicalText? nested)
    {
        if (nested is null)
        {
            return Add(prefix, (string?)null);
        }

        foreach (var (key, value) in nested._values)
        {
            _values[prefix + "." + key] = value;
        }

        return this;
    }

    public override string ToString() => string.Join(";", _values.Select(p => $"{p.Key}={p.Value}"));
}
