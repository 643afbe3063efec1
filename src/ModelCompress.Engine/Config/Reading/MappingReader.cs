namespace ModelCompress.Engine.Config.Reading;

/// <summary>
/// Reads one mapping of a known section: on creation reports duplicate keys (MC1003) and keys the section does
/// not know (MC1004, with a suggestion when one is close); then hands out typed values by key.
/// </summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, YEntry> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _suggested = new(StringComparer.Ordinal);

    public MappingReader(YMapping node, string section, string path, SourcePosition owner, ParseContext context)
    {
        Node = node;
        Path = path;
        Owner = owner;
        Context = context;
        var allowed = ConfigKeys.For(section);
        foreach (var entry in node.Entries)
        {
            var key = entry.Key.Value;
            if (_entries.TryGetValue(key, out var first) && MergeKeys.Overrides(node, first, entry))
            {
                _entries[key] = entry;
            }
            else if (first is not null)
            {
                context.Report(ConfigDiagnostics.DuplicateKey(entry.Key.Position, key, first.Key.Position));
            }
            else if (!allowed.Contains(key))
            {
                var suggestion = Suggestions.Closest(key, allowed);
                context.Report(ConfigDiagnostics.UnknownKey(entry.Key.Position, key, path, suggestion, allowed));
                _suggested.Add(suggestion ?? string.Empty);
            }
            else
            {
                _entries.Add(key, entry);
            }
        }
    }

    public YMapping Node { get; }

    /// <summary>Where this mapping sits, e.g. <c>models.digits.budgets</c>; used in messages.</summary>
    public string Path { get; }

    /// <summary>The key that owns this mapping: where a missing key is reported.</summary>
    public SourcePosition Owner { get; }

    public ParseContext Context { get; }

    public bool Has(string key) => _entries.ContainsKey(key);

    public YNode? Value(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    public SourcePosition? KeyAt(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key.Position : null;

    /// <summary>
    /// Reports MC1006 at the owner's key when <paramref name="key"/> is absent, unless a misspelt key already
    /// drew a "did you mean" for it: one mistake, one message.
    /// </summary>
    public bool Require(string key, string hint)
    {
        if (Has(key))
        {
            return true;
        }

        if (_suggested.Contains(key))
        {
            return false;
        }

        Context.Report(ConfigDiagnostics.MissingKey(Owner, key, Path, hint));
        return false;
    }

    public double? Number(string key, NumberRange range) =>
        Value(key) is { } node ? ScalarValues.Number(node, key, range, Context) : null;

    public int? Integer(string key, NumberRange range) =>
        Value(key) is { } node ? ScalarValues.Integer(node, key, range, Context) : null;

    public bool? Bool(string key) => Value(key) is { } node ? ScalarValues.Bool(node, key, Context) : null;

    public string? Text(string key) => Value(key) is { } node ? ScalarValues.Text(node, key, Context) : null;

    public T? Choice<T>(string key, string? hint = null)
        where T : struct, Enum => Value(key) is { } node ? ScalarValues.Choice<T>(node, key, Context, hint) : null;

    public IReadOnlyList<string>? Names(string key) =>
        Value(key) is { } node ? ScalarValues.Names(node, key, Context) : null;

    /// <summary>A nested section; null when absent or not a mapping (reported).</summary>
    public MappingReader? Section(string key, string section)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Value is YMapping mapping)
        {
            return new MappingReader(mapping, section, $"{Path}.{key}", entry.Key.Position, Context);
        }

        Context.Report(ConfigDiagnostics.WrongType(entry.Value.Position, key, "a mapping", entry.Value.Describe()));
        return null;
    }

    /// <summary>A nested list; null when absent or not a list (reported).</summary>
    public YSequence? Sequence(string key)
    {
        if (Value(key) is not { } node)
        {
            return null;
        }

        if (node is YSequence sequence)
        {
            return sequence;
        }

        Context.Report(ConfigDiagnostics.WrongType(node.Position, key, "a list", node.Describe()));
        return null;
    }

    /// <summary>Reports MC1018 for each of <paramref name="keys"/> present although <paramref name="condition"/> holds.</summary>
    public void Forbid(string condition, string hint, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (KeyAt(key) is { } at)
            {
                Context.Report(ConfigDiagnostics.ForbiddenWhen(at, key, condition, hint));
            }
        }
    }
}
