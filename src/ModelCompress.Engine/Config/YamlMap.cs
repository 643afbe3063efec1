using System.Globalization;
using ModelCompress.Engine.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace ModelCompress.Engine.Config;

/// <summary>
/// A YAML mapping read by the settings that own it: typed getters that report wrong types and ranges at the
/// value's position into a shared bag (so every problem is found in one pass), and unknown keys with a suggestion.
/// Getters return null after reporting, so parsing carries on.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;

    public YamlMap(YamlMappingNode node, string file, DiagnosticBag bag, string section, IReadOnlyList<string> knownKeys)
    {
        _node = node;
        File = file;
        Bag = bag;
        Section = section;
        foreach (var (key, _) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!knownKeys.Contains(name, StringComparer.Ordinal))
            {
                bag.Add(ConfigDiagnostics.UnknownKey(PositionOf(key), name, section, DidYouMean.Suggest(name, knownKeys), knownKeys));
            }
        }
    }

    public string File { get; }

    public DiagnosticBag Bag { get; }

    public string Section { get; }

    public SourcePosition Position => PositionOf(_node);

    public SourcePosition PositionOf(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>Where a key stands (or the mapping itself, when the key is absent).</summary>
    public SourcePosition KeyPosition(string key) =>
        _node.Children.Keys.FirstOrDefault(k => (k as YamlScalarNode)?.Value == key) is { } node ? PositionOf(node) : Position;

    public SourcePosition ValuePosition(string key) => Get(key) is { } node ? PositionOf(node) : KeyPosition(key);

    public bool Has(string key) => Get(key) is not null;

    public YamlNode? Get(string key) =>
        _node.Children.FirstOrDefault(p => (p.Key as YamlScalarNode)?.Value == key).Value;

    public string? String(string key, bool required = false, string hint = "give a value")
    {
        switch (Get(key))
        {
            case null:
                if (required)
                {
                    Bag.Add(ConfigDiagnostics.MissingKey(Position, key, Section, hint));
                }

                return null;
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return value;
            case var other:
                Bag.Add(ConfigDiagnostics.WrongType(PositionOf(other), key, "a text value", Describe(other)));
                return null;
        }
    }

    public double? Double(string key, double? min = null, double? max = null, bool minExclusive = false, bool maxExclusive = false, bool required = false, string hint = "give a number")
    {
        var text = String(key, required, hint);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Bag.Add(ConfigDiagnostics.WrongType(ValuePosition(key), key, "a number", text));
            return null;
        }

        var low = min is { } lo && (minExclusive ? value <= lo : value < lo);
        var high = max is { } hi && (maxExclusive ? value >= hi : value > hi);
        if (low || high)
        {
            Bag.Add(ConfigDiagnostics.OutOfRange(ValuePosition(key), key, text, Range(min, max, minExclusive, maxExclusive)));
            return null;
        }

        return value;
    }

    public int? Int(string key, int? min = null, int? max = null, bool required = false, string hint = "give a whole number")
    {
        var text = String(key, required, hint);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Bag.Add(ConfigDiagnostics.WrongType(ValuePosition(key), key, "a whole number", text));
            return null;
        }

        if ((min is { } lo && value < lo) || (max is { } hi && value > hi))
        {
            Bag.Add(ConfigDiagnostics.OutOfRange(ValuePosition(key), key, text, Range(min, max, false, false)));
            return null;
        }

        return value;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        return text switch
        {
            null => null,
            "true" or "True" or "yes" => true,
            "false" or "False" or "no" => false,
            _ => Report<bool?>(ConfigDiagnostics.WrongType(ValuePosition(key), key, "true or false", text)),
        };
    }

    /// <summary>One of a fixed set of words; the message lists them.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> allowed, bool required = false, string hint = "choose a value")
        where T : struct
    {
        var text = String(key, required, hint);
        if (text is null)
        {
            return null;
        }

        if (allowed.TryGetValue(text, out var value))
        {
            return value;
        }

        Bag.Add(ConfigDiagnostics.UnknownValue(ValuePosition(key), key, text, allowed.Keys));
        return null;
    }

    /// <summary>One of a fixed set of words, as text.</summary>
    public string? Word(string key, IReadOnlyDictionary<string, string> allowed, bool required = false, string hint = "choose a value")
    {
        var text = String(key, required, hint);
        if (text is null || allowed.ContainsKey(text))
        {
            return text is null ? null : allowed[text];
        }

        Bag.Add(ConfigDiagnostics.UnknownValue(ValuePosition(key), key, text, allowed.Keys));
        return null;
    }

    public IReadOnlyList<string>? StringList(string key)
    {
        switch (Get(key))
        {
            case null:
                return null;
            case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                return sequence.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? "").ToList();
            case YamlScalarNode { Value: { } one }:
                return [one];
            case var other:
                Bag.Add(ConfigDiagnostics.WrongType(PositionOf(other), key, "a list of names", Describe(other)));
                return null;
        }
    }

    public YamlMap? Map(string key, string section, IReadOnlyList<string> knownKeys, bool required = false, string hint = "add it")
    {
        switch (Get(key))
        {
            case null:
                if (required)
                {
                    Bag.Add(ConfigDiagnostics.MissingKey(Position, key, Section, hint));
                }

                return null;
            case YamlMappingNode mapping:
                return new YamlMap(mapping, File, Bag, section, knownKeys);
            case var other:
                Bag.Add(ConfigDiagnostics.NotAMapping(PositionOf(other), $"'{key}' in {Section}"));
                return null;
        }
    }

    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries() =>
        _node.Children.Select(p => ((p.Key as YamlScalarNode)?.Value ?? "", p.Key, p.Value));

    /// <summary>Resolves a path value against the config's folder and checks it exists.</summary>
    public string? ExistingPath(string key, string baseDirectory, bool required = false, string hint = "give a path")
    {
        var text = String(key, required, hint);
        if (text is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(baseDirectory, text));
        if (!System.IO.File.Exists(full))
        {
            Bag.Add(ConfigDiagnostics.PathNotFound(ValuePosition(key), key, full));
            return null;
        }

        return full;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };

    private T Report<T>(Diagnostic d)
    {
        Bag.Add(d);
        return default!;
    }

    private static string Range(double? min, double? max, bool minExclusive, bool maxExclusive)
    {
        static string F(double v) => v.ToString(CultureInfo.InvariantCulture);
        return (min, max) switch
        {
            ({ } lo, { } hi) => $"{(minExclusive ? "above" : "at least")} {F(lo)} and {(maxExclusive ? "below" : "at most")} {F(hi)}",
            ({ } lo, null) => $"{(minExclusive ? "above" : "at least")} {F(lo)}",
            (null, { } hi) => $"{(maxExclusive ? "below" : "at most")} {F(hi)}",
            _ => "valid",
        };
    }
}
