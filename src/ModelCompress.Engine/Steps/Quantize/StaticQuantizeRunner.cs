using ModelCompress.Engine.Steps.Quantize.Calibration;

namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// <c>quantize: { mode: static }</c>: calibrate on <c>data.calibration</c> (or, with a warning, the evaluation
/// inputs), write QDQ int8, ask ONNX Runtime what it fused, warn when the result is slower than its input, and
/// return nodes to float while an accuracy budget fails (<see cref="AccuracyFallback"/>).
/// </summary>
public sealed class StaticQuantizeRunner : IStepRunner<StaticQuantizeSettings>
{
    /// <inheritdoc />
    public string CacheSalt => "static-v1";

    /// <inheritdoc />
    public StepResult Run(StaticQuantizeSettings settings, StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var step = input.Step;
        var data = context.Data ?? throw new CompressionException(StaticQuantizeDiagnostics.NoCalibrationData(step.Position));
        var (calibration, source) = CalibrationInputs(input, data, context);
        CheckFinite(calibration, input.ModelConfig.Data?.Calibration?.FirstOrDefault()?.Position ?? input.ModelConfig.Data?.Position ?? step.Position);

        var model = input.Model;
        var method = new CalibrationOptions(settings.Method, settings.Percentile, settings.Samples);
        var rows = Math.Min(settings.Samples ?? int.MaxValue, calibration.Values.Min(a => a.Rows));
        context.Progress.Report(new StepProgress($"calibrating on {rows} rows of {source}"));
        var ranges = Calibrator.Run(model, calibration, method, context.Cancellation);
        var options = Options(settings);
        var quantizer = new StaticQuantizer(options);
        CheckInclude(settings, Positioned(() => quantizer.Plan(model, ranges), step, settings), step);
        var result = quantizer.Quantize(model, ranges);

        var facts = new List<StepFact>
        {
            new("calibration", $"{YamlNames.Of(settings.Method)} on {rows} rows of {source}"),
            new("weights", $"{YamlNames.Of(settings.WeightType)}, {(result.PerChannel ? "per channel" : "per tensor")}{(settings.PerChannel && !result.PerChannel ? " (opset below 13)" : "")}"),
            new("activations", $"{YamlNames.Of(settings.ActivationType)}, {(settings.SymmetricActivations ? "symmetric" : "asymmetric")}"),
        };
        var fallback = AccuracyFallback.Apply(input, context, settings, options, ranges, calibration, result);
        result = fallback.Result;
        facts.AddRange(fallback.Facts);
        var fusion = FusionCheck.Count(model, result.Model);
        facts.Add(new StepFact("int8 kernels after ORT's optimizer", fusion.Count == 0 ? "none" : string.Join(", ", fusion)));
        facts.Add(new StepFact("quantized", $"{result.Nodes.Count(n => n.Quantized)} of {result.Nodes.Count} nodes ({result.ComputeCount} int8 compute)"));
        facts.AddRange(result.Nodes.Select(n => new StepFact($"node {n.Node} ({n.OpType})",
            n.Quantized ? YamlNames.Of(n.Role).Replace("activation", " activation", StringComparison.Ordinal) : $"float: {n.Reason}")));
        WarnIfSlower(input, context, result.Model, data, fusion);
        return new StepResult(result.Model, facts);
    }

    /// <summary>The quantizer options of <paramref name="settings"/>.</summary>
    public static StaticQuantizeOptions Options(StaticQuantizeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new StaticQuantizeOptions(settings.PerChannel, TypeOf(settings.ActivationType), TypeOf(settings.WeightType),
            settings.SymmetricActivations, settings.ReduceRange, settings.Include, settings.Exclude);
    }

    private static OnnxDataType TypeOf(QuantizedType type) => type == QuantizedType.Int8 ? OnnxDataType.Int8 : OnnxDataType.UInt8;

    private static (IReadOnlyDictionary<string, NdArray> Inputs, string Source) CalibrationInputs(StepInput input, EvalDataset data, StepContext context)
    {
        if (data.Calibration is { Count: > 0 } calibration)
        {
            return (calibration, "data.calibration");
        }

        context.Report(StaticQuantizeDiagnostics.CalibratingOnEvaluationData(input.ModelConfig.Data?.Position ?? input.Step.Position));
        return (data.Inputs, "the evaluation inputs (no data.calibration)");
    }

    private static void CheckFinite(IReadOnlyDictionary<string, NdArray> inputs, SourcePosition at)
    {
        foreach (var (name, array) in inputs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (array.Data is not (float[] or double[] or Half[]))
            {
                continue;
            }

            var values = array.ToFloat32();
            var bad = Array.FindIndex(values, v => !float.IsFinite(v));
            if (bad >= 0)
            {
                var row = bad / Math.Max(1, (int)array.RowSize);
                throw new CompressionException(StaticQuantizeDiagnostics.NotFinite(at, name, row, values[bad]));
            }
        }
    }

    // Unknown include/exclude names (MC3052) point at the list item that names them.
    private static T Positioned<T>(Func<T> action, StepConfig step, StaticQuantizeSettings settings)
    {
        try
        {
            return action();
        }
        catch (CompressionException e) when (e.Diagnostics.All(d => d.Position is null))
        {
            throw new CompressionException(e.Diagnostics.Select(d => d with { Position = PositionOfName(d.Message, step, settings) }).ToList());
        }
    }

    private static SourcePosition PositionOfName(string message, StepConfig step, StaticQuantizeSettings settings)
    {
        foreach (var (list, names) in new[] { ("include", settings.Include), ("exclude", settings.Exclude) })
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (message.Contains($"'{names[i]}'", StringComparison.Ordinal))
                {
                    return step.PositionOf($"{list}[{i}]");
                }
            }
        }

        return step.Position;
    }

    private static void CheckInclude(StaticQuantizeSettings settings, IReadOnlyList<NodeDecision> decisions, StepConfig step)
    {
        var bag = new DiagnosticBag();
        for (var i = 0; i < settings.Include.Count; i++)
        {
            var decision = decisions.FirstOrDefault(n => n.Node == settings.Include[i]);
            if (decision is { Quantized: false })
            {
                bag.Add(StaticQuantizeDiagnostics.IncludedNotQuantizable(step.PositionOf($"include[{i}]"), decision.Node, decision.OpType, decision.Reason ?? "?"));
            }
        }

        bag.ThrowIfErrors();
    }

    private static void WarnIfSlower(StepInput input, StepContext context, OnnxModel quantized, EvalDataset data, IReadOnlyList<FusionCount> fusion)
    {
        var e = input.ModelConfig.Evaluation;
        var options = new EvaluationOptions(e.Warmup, e.Iterations, e.Threads, e.Provider.ToString().ToLowerInvariant(), e.BatchSize);
        var (before, after) = SpeedCheck.Measure(input.Model, quantized, data.Inputs, options);
        if (after > before)
        {
            var unfused = fusion.Where(f => f.Fused < f.Total).Select(f => $"{f.OpType} ({f.Total - f.Fused} of {f.Total})").ToArray();
            context.Report(StaticQuantizeDiagnostics.Slower(input.Step.Position, before, after, unfused));
        }
    }

    internal static string Format(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
