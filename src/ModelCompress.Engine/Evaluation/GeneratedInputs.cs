namespace ModelCompress.Engine.Evaluation;

/// <summary>
/// Stand-in rows for a model without data, seeded so the same model always sees the same values. Each input's
/// shape comes from <c>data.generate</c>, else from the graph: fixed dims as declared, a symbolic dim bound by the
/// same symbol in another input's generated shape or by the graph's value info, a leading (batch) dim 1, and any
/// other dim guessed as 1 and named if ONNX Runtime then refuses it. Values: the configured constant or range,
/// else floats uniform in [0,1), integers 0, bools false. When every input starts with a size-1 dim, several rows
/// are stacked along it; otherwise (scalars, state tensors like [2,1,64]) one exact feed is made.
/// </summary>
internal static class GeneratedInputs
{
    /// <summary>Rows generated when inputs can be stacked; few, since they serve latency and output deviation only.</summary>
    public const int Rows = 8;

    private const int Seed = 1234;

    /// <summary>The generated feed, its row count, and the dims that had to be guessed (for MC4131).</summary>
    public sealed record Feed(Dictionary<string, NdArray> Inputs, int Rows, IReadOnlyList<string> Guesses);

    public static Feed Create(OnnxModel model, ModelSignature signature, IReadOnlyList<GeneratedInput>? specs)
    {
        var byName = (specs ?? []).ToDictionary(s => s.Input, StringComparer.Ordinal);
        var declared = model.Graph.DataInputs.ToDictionary(i => i.Name, i => i.Type?.Dims ?? [], StringComparer.Ordinal);
        var bag = new DiagnosticBag();
        foreach (var spec in byName.Values.Where(s => signature.FindInput(s.Input) is null))
        {
            bag.Add(GenerateDiagnostics.UnknownInput(spec.Input, signature.Inputs.Select(i => i.Name), spec.Position));
        }

        var symbols = Symbols(model, declared, byName, bag);
        bag.ThrowIfErrors();
        var guesses = new List<string>();
        var shapes = signature.Inputs.ToDictionary(i => i.Name, i => Bind(i.Name, declared[i.Name], byName, symbols, guesses), StringComparer.Ordinal);
        var rows = shapes.Values.All(s => s.Length > 0 && s[0] == 1) ? Rows : 1;

        var random = new Random(Seed);
        var result = new Dictionary<string, NdArray>(StringComparer.Ordinal);
        foreach (var input in signature.Inputs)
        {
            long[] shape = rows == 1 ? shapes[input.Name] : [rows, .. shapes[input.Name].Skip(1)];
            result[input.Name] = Values(input, shape, byName.GetValueOrDefault(input.Name), random);
        }

        return new Feed(result, rows, guesses);
    }

    // Symbols fixed by a configured shape (first one wins), then by the graph's value info for the same value.
    private static Dictionary<string, long> Symbols(
        OnnxModel model, Dictionary<string, IReadOnlyList<OnnxDim>> declared, Dictionary<string, GeneratedInput> specs, DiagnosticBag bag)
    {
        var symbols = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, dims) in declared)
        {
            if (specs.GetValueOrDefault(name)?.Shape is not { } shape)
            {
                continue;
            }

            if (shape.Count != dims.Count || dims.Zip(shape).Any(p => p.First.Value is { } v && v != p.Second))
            {
                bag.Add(GenerateDiagnostics.ShapeMismatch(name, NdArray.ShapeToText(shape), NdArray.ShapeToText(dims.Select(d => d.Value ?? -1)), specs[name].Position));
                continue;
            }

            foreach (var (dim, size) in dims.Zip(shape).Where(p => p.First.Symbol is not null))
            {
                symbols.TryAdd(dim.Symbol!, size);
            }
        }

        foreach (var info in model.Graph.ValueInfos.Where(v => declared.ContainsKey(v.Name) && v.Type?.Dims is not null))
        {
            foreach (var (dim, known) in declared[info.Name].Zip(info.Type!.Dims!).Where(p => p.First.Symbol is not null && p.Second.Value is not null))
            {
                symbols.TryAdd(dim.Symbol!, known.Value!.Value);
            }
        }

        return symbols;
    }

    private static long[] Bind(
        string name, IReadOnlyList<OnnxDim> dims, Dictionary<string, GeneratedInput> specs, Dictionary<string, long> symbols, List<string> guesses)
    {
        if (specs.GetValueOrDefault(name)?.Shape is { } shape)
        {
            return [.. shape];
        }

        var bound = new long[dims.Count];
        for (var i = 0; i < dims.Count; i++)
        {
            if (dims[i].Value is { } fixedSize)
            {
                bound[i] = fixedSize;
            }
            else if (dims[i].Symbol is { } symbol && symbols.TryGetValue(symbol, out var size))
            {
                bound[i] = size;
            }
            else
            {
                bound[i] = 1;
                if (i > 0)
                {
                    guesses.Add(string.Create(CultureInfo.InvariantCulture, $"input '{name}' dimension {i}{(dims[i].Symbol is { } s ? $" ('{s}')" : "")}"));
                }
            }
        }

        return bound;
    }

    private static NdArray Values(ModelInputSpec input, long[] shape, GeneratedInput? spec, Random random)
    {
        var count = checked((int)NdArray.ElementCount(shape));
        var values = new double[count];
        var isFloat = input.ElementType.IsFloat();
        for (var i = 0; i < count; i++)
        {
            values[i] = spec switch
            {
                { Value: { } constant } => constant,
                { Low: { } low, High: { } high } when isFloat => low + (random.NextDouble() * (high - low)),
                { Low: { } low, High: { } high } => Math.Floor(low + (random.NextDouble() * (Math.Floor(high) - Math.Ceiling(low) + 1))),
                _ when isFloat => random.NextDouble(),
                _ => 0,
            };
        }

        return new NdArray(NdElementType.Float64, shape, values).ConvertTo(input.ElementType);
    }
}
