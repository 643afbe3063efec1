namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// Turns a model's data section into a dataset bound to the model's inputs, and places the data layer's
/// diagnostics at the YAML line they concern (the array's binding, else the data path).
/// </summary>
internal static class DataLoading
{
    public static EvalDataset? Load(ModelConfig model, ModelSignature signature, List<string> inputs)
    {
        if (model.Data is not { } data)
        {
            return null;
        }

        inputs.Add(data.Path);
        try
        {
            return DatasetLoader.Load(ToSource(data), signature);
        }
        catch (CompressionException e)
        {
            throw new CompressionException(e.Diagnostics.Select(d => Place(d, data)).ToList());
        }
    }

    private static DataSource ToSource(DataConfig data) => new(
        data.Path,
        data.Format.ToString().ToLowerInvariant(),
        Bind(data.Inputs),
        data.Labels?.Name,
        data.Calibration is null ? null : Bind(data.Calibration),
        data.Train is null ? null : new SplitSource(Bind(data.Train.Inputs), data.Train.Labels?.Name),
        data.Validation is null ? null : new SplitSource(Bind(data.Validation.Inputs), data.Validation.Labels?.Name));

    private static List<ArrayBinding> Bind(IReadOnlyList<InputBinding> bindings) =>
        bindings.Select(b => new ArrayBinding(b.ModelInput, b.Array)).ToList();

    private static IEnumerable<InputBinding> AllBindings(DataConfig data) =>
        data.Inputs
            .Concat(data.Calibration ?? [])
            .Concat(data.Train?.Inputs ?? [])
            .Concat(data.Validation?.Inputs ?? []);

    private static Diagnostic Place(Diagnostic d, DataConfig data)
    {
        if (d.Position is not null)
        {
            return d;
        }

        var binding = AllBindings(data).FirstOrDefault(b => d.Message.Contains($"'{b.Array}'", StringComparison.Ordinal));
        var label = new[] { data.Labels, data.Train?.Labels, data.Validation?.Labels }
            .FirstOrDefault(l => l is not null && d.Message.Contains($"'{l.Name}'", StringComparison.Ordinal));
        return d with { Position = binding?.Position ?? label?.Position ?? data.PathPosition };
    }
}
