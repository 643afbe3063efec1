namespace ModelCompress.Engine.Config.Reading;

/// <summary>
/// Reads <c>data.generate</c>: model input → a shape list (<c>h: [2, 1, 64]</c>) or a mapping with
/// <c>shape</c> and one of <c>value</c> or <c>range: [low, high]</c> (<c>sr: { value: 16000 }</c>).
/// </summary>
internal static class GenerateReader
{
    private static readonly NumberRange AnyNumber = NumberRange.Between(-1e300, 1e300);

    public static IReadOnlyList<GeneratedInput>? Read(MappingReader data)
    {
        if (data.Value("generate") is not { } node)
        {
            return null;
        }

        var context = data.Context;
        data.Forbid("'generate' is given", "Generated inputs stand in for data; use either a data file or 'generate', not both.",
            "path", "format", "inputs", "labels", "calibration", "train", "validation");
        if (node is not YMapping mapping || mapping.Entries.Count == 0)
        {
            context.Report(ConfigDiagnostics.WrongType(node.Position, "generate", "a mapping of model input to a shape or { shape, value | range }",
                node is YMapping ? "an empty mapping" : node.Describe()));
            return null;
        }

        var specs = new List<GeneratedInput>();
        foreach (var entry in FreeMapping.Entries(mapping, context))
        {
            if (Entry(entry, $"{data.Path}.generate", context) is { } spec)
            {
                specs.Add(spec);
            }
        }

        return specs;
    }

    private static GeneratedInput? Entry(YEntry entry, string path, ParseContext context)
    {
        var name = entry.Key.Value;
        if (entry.Value is YSequence)
        {
            return Shape(entry.Value, name, context) is { } dims ? new GeneratedInput(name, dims, null, null, null, entry.Key.Position) : null;
        }

        if (entry.Value is not YMapping inner)
        {
            context.Report(ConfigDiagnostics.WrongType(entry.Value.Position, name, "a shape list or a mapping with shape, value or range", entry.Value.Describe()));
            return null;
        }

        var map = new MappingReader(inner, ConfigKeys.DataGenerate, $"{path}.{name}", entry.Key.Position, context);
        var shape = map.Value("shape") is { } s ? Shape(s, "shape", context) : null;
        var value = map.Number("value", AnyNumber);
        double? low = null, high = null;
        if (map.Value("range") is { } r)
        {
            (low, high) = Range(r, context);
        }

        if (value is not null && map.KeyAt("range") is { } rangeAt)
        {
            context.Report(ConfigDiagnostics.ForbiddenWhen(rangeAt, "range", "'value' is given", "Give either a constant value or a range."));
        }

        return new GeneratedInput(name, shape, value, low, high, entry.Key.Position);
    }

    private static long[]? Shape(YNode node, string key, ParseContext context)
    {
        if (node is not YSequence sequence)
        {
            context.Report(ConfigDiagnostics.WrongType(node.Position, key, "a list of dimension sizes, e.g. [2, 1, 64] ([] for a scalar)", node.Describe()));
            return null;
        }

        var dims = new List<long>();
        foreach (var item in sequence.Items)
        {
            if (ScalarValues.Integer(item, key, NumberRange.Between(1, 1 << 20), context) is not { } d)
            {
                return null;
            }

            dims.Add(d);
        }

        return [.. dims];
    }

    private static (double?, double?) Range(YNode node, ParseContext context)
    {
        if (node is not YSequence { Items.Count: 2 } pair)
        {
            context.Report(ConfigDiagnostics.WrongType(node.Position, "range", "a list [low, high]", node.Describe()));
            return (null, null);
        }

        var low = ScalarValues.Number(pair.Items[0], "range", AnyNumber, context);
        var high = ScalarValues.Number(pair.Items[1], "range", AnyNumber, context);
        if (low is { } l && high is { } h && h < l)
        {
            context.Report(ConfigDiagnostics.OutOfRange(pair.Items[1].Position, "range", $"[{l}, {h}]", "a list [low, high] with low <= high"));
            return (null, null);
        }

        return (low, high);
    }
}
