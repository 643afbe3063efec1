using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Evaluation;

/// <summary>
/// Measures a model with ONNX Runtime: top-1 accuracy (with labels), agreement and largest output difference
/// against a reference, batch-1 latency percentiles, and size. Without data it feeds generated rows and warns
/// that accuracy was not measured.
/// </summary>
public static class ModelEvaluator
{
    /// <summary>Evaluates <paramref name="model"/>; see the class summary.</summary>
    /// <param name="model">The ONNX model: bytes, or a file (with its external data beside it).</param>
    /// <param name="data">Checked data, or null to use generated inputs.</param>
    /// <param name="options">Warm-up, iterations, threads, provider, batch size.</param>
    /// <param name="reference">The original model's outputs on the same rows, to compare with; or null.</param>
    /// <param name="modelName">The model's name or path for diagnostics.</param>
    /// <exception cref="CompressionException">MC3020 (model refused), MC4092/MC4093 (provider), MC4094/MC4095 (run failed), MC4130 (a label out of range).</exception>
    public static EvaluationResult Evaluate(
        ModelSource model, EvalDataset? data, EvaluationOptions options, ReferenceOutputs? reference, string? modelName = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        var name = modelName ?? "model";
        var warnings = new List<Diagnostic>();
        if (options.Threads > Environment.ProcessorCount)
        {
            // More intra-op threads than cores only contend; ORT would also spawn them all (threads: 100000).
            warnings.Add(Config.LimitDiagnostics.ThreadsCapped(options.Threads, Environment.ProcessorCount));
            options = options with { Threads = Environment.ProcessorCount };
        }

        using var ort = OrtSession.Create(model, name, options);
        if (ort.Warning is { } fallback)
        {
            warnings.Add(fallback);
        }

        var onnx = model.Load();
        var signature = ModelSignature.FromOnnx(onnx);
        var hasData = data is { Count: > 0 };
        var (inputs, rows, generated) = InputsFor(onnx, data, options, name);
        if (!hasData)
        {
            warnings.Add(EvaluationDiagnostics.AccuracyNotMeasured());
        }

        var batch = hasData && !FixedBatchOfOne(signature) ? options.BatchSize : 1;
        var guesses = generated?.Guesses ?? [];
        var outputs = Guard(name, guesses, () => BatchInference.Run(ort.Session, inputs, rows, batch));
        var latency = Guard(name, guesses, () => LatencyMeter.Measure(ort.Session, inputs, rows, options));
        var (agreement, maxAbs) = Compare(outputs, reference);

        return new EvaluationResult
        {
            Accuracy = hasData && data!.Labels is { } labels ? Accuracy(outputs, labels) : null,
            Agreement = agreement,
            MaxAbsError = maxAbs,
            Samples = hasData ? rows : null,
            P50Ms = latency.P50,
            P95Ms = latency.P95,
            P99Ms = latency.P99,
            MeanMs = latency.Mean,
            Iterations = options.Iterations,
            Threads = options.Threads,
            SizeBytes = model.SizeBytes,
            Provider = ort.Provider,
            Warnings = warnings,
            Outputs = outputs,
        };
    }

    /// <summary>The rows <paramref name="model"/> is fed: the data typed for its inputs, else generated inputs.</summary>
    internal static (Dictionary<string, NdArray> Inputs, int Rows, GeneratedInputs.Feed? Generated) InputsFor(
        OnnxModel model, EvalDataset? data, EvaluationOptions options, string name)
    {
        var signature = ModelSignature.FromOnnx(model);
        if (data is { Count: > 0 })
        {
            return (Feed(data.Inputs, signature, name), data.Count, null);
        }

        var generated = GeneratedInputs.Create(model, signature, options.Generate);
        return (generated.Inputs, generated.Rows, generated);
    }

    private static void CheckOptions(EvaluationOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Warmup, nameof(options.Warmup));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Iterations, nameof(options.Iterations));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Threads, nameof(options.Threads));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options.BatchSize));
    }

    // The data was typed for the original model; a compressed one (e.g. fp16) may want another element type.
    private static Dictionary<string, NdArray> Feed(IReadOnlyDictionary<string, NdArray> data, ModelSignature signature, string model)
    {
        var result = new Dictionary<string, NdArray>(StringComparer.Ordinal);
        foreach (var input in signature.Inputs)
        {
            var array = data.GetValueOrDefault(input.Name)
                ?? throw new CompressionException(EvaluationDiagnostics.InputMissing(model, input.Name));
            result[input.Name] = array.ConvertTo(input.ElementType);
        }

        return result;
    }

    private static bool FixedBatchOfOne(ModelSignature signature) =>
        signature.Inputs.Any(i => i.Dims.Length > 0 && i.Dims[0] == 1);

    private static double Accuracy(ReferenceOutputs outputs, long[] labels)
    {
        var correct = 0;
        for (var r = 0; r < outputs.Rows; r++)
        {
            // Width 1 is a regression output: labels are values there, not classes.
            if (outputs.Width > 1 && (labels[r] < 0 || labels[r] >= outputs.Width))
            {
                throw new CompressionException(HygieneDiagnostics.EvaluationLabelOutOfRange(r, labels[r], outputs.Width));
            }

            correct += outputs.ArgMax(r) == labels[r] ? 1 : 0;
        }

        return (double)correct / outputs.Rows;
    }

    private static (double? Agreement, double? MaxAbs) Compare(ReferenceOutputs outputs, ReferenceOutputs? reference)
    {
        if (reference is null)
        {
            return (null, null);
        }

        if (reference.Rows != outputs.Rows || reference.Width != outputs.Width)
        {
            throw new CompressionException(ReferenceDiagnostics.Mismatch(reference.Rows, reference.Width, outputs.Rows, outputs.Width));
        }

        var agree = 0;
        double maxAbs = 0;
        for (var r = 0; r < outputs.Rows; r++)
        {
            agree += outputs.ArgMax(r) == reference.ArgMax(r) ? 1 : 0;
        }

        for (var i = 0; i < outputs.Values.Length; i++)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs((double)outputs.Values[i] - reference.Values[i]));
        }

        return ((double)agree / outputs.Rows, maxAbs);
    }

    internal static T Guard<T>(string model, IReadOnlyList<string> guesses, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (OnnxRuntimeException e)
        {
            // With guessed dims the likely cause is the guess: name the dims rather than relay ORT's shape error.
            throw new CompressionException(guesses.Count > 0
                ? GenerateDiagnostics.DimensionsNotBound(model, guesses, e.Message)
                : EvaluationDiagnostics.RunFailed(model, e.Message));
        }
    }
}
