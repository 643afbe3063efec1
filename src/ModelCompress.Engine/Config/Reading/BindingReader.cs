using System.Text.RegularExpressions;

namespace ModelCompress.Engine.Config.Reading;

/// <summary>Reads <c>inputs:</c>-style maps (model input → array, or CSV columns) and checks splits against them.</summary>
internal static partial class BindingReader
{
    public static IReadOnlyList<InputBinding>? Read(YNode node, string key, DataFormat format, ParseContext context)
    {
        if (node is not YMapping mapping || mapping.Entries.Count == 0)
        {
            var expected = format == DataFormat.Csv ? "a mapping of model input to columns" : "a mapping of model input to array name";
            context.Report(ConfigDiagnostics.WrongType(node.Position, key, expected, node is YMapping ? "an empty mapping" : node.Describe()));
            return null;
        }

        var bindings = new List<InputBinding>();
        foreach (var entry in FreeMapping.Entries(mapping, context))
        {
            var binding = format == DataFormat.Csv ? Columns(entry, context) : Array(entry, context);
            if (binding is null)
            {
                return null;
            }

            bindings.Add(binding);
        }

        return bindings;
    }

    /// <summary>A split must bind exactly the model inputs that <c>data.inputs</c> binds.</summary>
    public static void CheckSameInputs(
        IReadOnlyList<InputBinding> reference, IReadOnlyList<InputBinding> split, YNode splitNode, string path, ParseContext context)
    {
        var names = reference.Select(b => b.ModelInput).ToList();
        foreach (var binding in split.Where(b => !names.Contains(b.ModelInput)))
        {
            var at = splitNode is YMapping m ? m.Entries.First(e => e.Key.Value == binding.ModelInput).Key.Position : binding.Position;
            context.Report(ConfigDiagnostics.UnknownKey(at, binding.ModelInput, path, Suggestions.Closest(binding.ModelInput, names), names));
        }

        foreach (var name in names.Where(n => split.All(b => b.ModelInput != n)))
        {
            context.Report(ConfigDiagnostics.MissingKey(splitNode.Position, name, path, "Bind every model input that data.inputs binds."));
        }
    }

    private static InputBinding? Array(YEntry entry, ParseContext context) =>
        ScalarValues.Text(entry.Value, entry.Key.Value, context) is { } array
            ? new InputBinding(entry.Key.Value, array, entry.Value.Position)
            : null;

    private static InputBinding? Columns(YEntry entry, ParseContext context)
    {
        if (entry.Value is YSequence)
        {
            var names = ScalarValues.Names(entry.Value, entry.Key.Value, context);
            return names is null ? null : new InputBinding(entry.Key.Value, string.Join(",", names), entry.Value.Position, names);
        }

        if (ScalarValues.Text(entry.Value, entry.Key.Value, context) is not { } text)
        {
            return null;
        }

        if (!text.Contains("..", StringComparison.Ordinal))
        {
            return new InputBinding(entry.Key.Value, text, entry.Value.Position, [text]);
        }

        var match = ColumnRange().Match(text);
        if (!match.Success || match.Groups["p"].Value != match.Groups["q"].Value
            || !int.TryParse(match.Groups["a"].Value, CultureInfo.InvariantCulture, out var from)
            || !int.TryParse(match.Groups["b"].Value, CultureInfo.InvariantCulture, out var to) || from > to)
        {
            context.Report(ConfigDiagnostics.BadColumnRange(entry.Value.Position, text));
            return null;
        }

        var prefix = match.Groups["p"].Value;
        var columns = Enumerable.Range(from, to - from + 1).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)).ToList();
        return new InputBinding(entry.Key.Value, text, entry.Value.Position, columns);
    }

    [GeneratedRegex(@"^(?<p>\D*?)(?<a>\d+)\.\.(?<q>\D*?)(?<b>\d+)$")]
    private static partial Regex ColumnRange();
}
