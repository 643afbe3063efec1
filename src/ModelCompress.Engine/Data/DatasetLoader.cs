namespace ModelCompress.Engine.Data;

/// <summary>Reads a model's data and checks it against the model's inputs (MC4001–MC4049), reporting every problem at once.</summary>
public static class DatasetLoader
{
    /// <summary>
    /// Loads the evaluation rows, labels and the calibration/train/validation splits of <paramref name="source"/>,
    /// each converted to the element type of the model input it feeds.
    /// </summary>
    /// <exception cref="CompressionException">Every problem found, each an MC4xxx error whose File is the data file.</exception>
    public static EvalDataset Load(DataSource source, ModelSignature signature)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(signature);
        using var arrays = ArraySource.Open(source.Path, source.Format);
        var bag = new DiagnosticBag();

        var inputs = BindInputs(arrays, source.Inputs, signature, bag);
        var labels = source.Labels is { } l ? ArrayChecks.Labels(arrays, l, bag) : null;
        var count = CheckRows(arrays, "evaluation", inputs, source.Labels, labels, bag);

        var calibration = source.Calibration is { } c ? BindInputs(arrays, c, signature, bag) : null;
        if (calibration is not null)
        {
            CheckRows(arrays, "calibration", calibration, null, null, bag);
        }

        var train = Split(arrays, "train", source.Train, signature, bag);
        var validation = Split(arrays, "validation", source.Validation, signature, bag);
        bag.ThrowIfErrors();
        return new EvalDataset(inputs, labels, count, calibration, train, validation);
    }

    private static LabeledSplit? Split(ArraySource arrays, string what, SplitSource? split, ModelSignature signature, DiagnosticBag bag)
    {
        if (split is null)
        {
            return null;
        }

        var inputs = BindInputs(arrays, split.Inputs, signature, bag);
        var labels = split.Labels is { } l ? ArrayChecks.Labels(arrays, l, bag) : null;
        var count = CheckRows(arrays, what, inputs, split.Labels, labels, bag);
        return new LabeledSplit(inputs, labels, count);
    }

    private static Dictionary<string, NdArray> BindInputs(
        ArraySource arrays, IReadOnlyList<ArrayBinding> bindings, ModelSignature signature, DiagnosticBag bag)
    {
        var realInputs = signature.Inputs.Select(i => i.Name).ToArray();
        var result = new Dictionary<string, NdArray>(StringComparer.Ordinal);
        var bound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binding in bindings)
        {
            var input = binding.ModelInput.Length == 0 && signature.Inputs.Count == 1
                ? signature.Inputs[0]
                : signature.FindInput(binding.ModelInput);
            if (input is null)
            {
                bag.Add(binding.ModelInput.Length == 0
                    ? DataDiagnostics.InputNameNeeded(arrays.File, binding.Array, realInputs)
                    : DataDiagnostics.UnknownModelInput(arrays.File, binding.ModelInput, binding.Array, realInputs));
                continue;
            }

            bound.Add(input.Name);
            if (ArrayChecks.ForInput(arrays, binding.Array, input, bag) is { } array)
            {
                result[input.Name] = array;
            }
        }

        // An empty model input name that could not be placed is reported above; do not repeat it per input.
        // Likewise a binding to a name the model lacks is the one mistake to report, not also the input it missed.
        if (bindings.All(b => b.ModelInput.Length > 0 || signature.Inputs.Count == 1)
            && bindings.All(b => b.ModelInput.Length == 0 || signature.Inputs.Any(i => i.Name == b.ModelInput)))
        {
            foreach (var missing in signature.Inputs.Where(i => !bound.Contains(i.Name)))
            {
                bag.Add(DataDiagnostics.InputNotBound(arrays.File, missing.Name, realInputs));
            }
        }

        return result;
    }

    private static int CheckRows(
        ArraySource arrays, string what, Dictionary<string, NdArray> inputs, string? labelName, long[]? labels, DiagnosticBag bag)
    {
        var counts = inputs.Select(p => (Name: p.Key, Rows: p.Value.Rows)).ToList();
        if (labels is not null)
        {
            counts.Add(($"labels '{labelName}'", labels.Length));
        }

        if (counts.Select(c => c.Rows).Distinct().Count() > 1)
        {
            bag.Add(DataDiagnostics.RowCountMismatch(arrays.File, what,
                counts.Select(c => $"{c.Name}: {c.Rows.ToString(CultureInfo.InvariantCulture)}")));
        }

        return counts.Count == 0 ? 0 : counts[0].Rows;
    }
}
