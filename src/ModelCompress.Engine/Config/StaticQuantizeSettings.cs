namespace ModelCompress.Engine.Config;

/// <summary>Settings of <c>quantize: { mode: static }</c>: int8 QDQ with calibrated activation ranges.</summary>
/// <param name="PerChannel">One weight scale per output channel (default true).</param>
/// <param name="ActivationType">uint8 (default) or int8.</param>
/// <param name="WeightType">int8 (default, symmetric) or uint8.</param>
/// <param name="SymmetricActivations">Activation ranges symmetric around 0 (default false).</param>
/// <param name="ReduceRange">7-bit weights for CPUs without VNNI (default false).</param>
/// <param name="Method">Calibration method (default minmax).</param>
/// <param name="Percentile">Percentile for <c>method: percentile</c> (default 99.999).</param>
/// <param name="Samples">Calibration rows to use (default all).</param>
/// <param name="Include">Only these nodes are quantized.</param>
/// <param name="Exclude">These nodes stay in float.</param>
/// <param name="FallbackMaxNodes">Most nodes the accuracy-aware fallback may return to float; 0 disables it.</param>
public sealed record StaticQuantizeSettings(
    bool PerChannel, QuantizedType ActivationType, QuantizedType WeightType, bool SymmetricActivations, bool ReduceRange,
    CalibrationMethod Method, double Percentile, int? Samples, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude,
    int FallbackMaxNodes)
    : IStepSettings
{
    /// <summary>Nodes the fallback may revert when <c>fallback:</c> is not written.</summary>
    public const int DefaultFallbackMaxNodes = 3;

    /// <summary>The keys only static mode accepts.</summary>
    public static IReadOnlyList<string> StaticOnlyKeys { get; } =
        ["activation_type", "weight_type", "symmetric_activations", "reduce_range", "calibration", "fallback"];

    /// <inheritdoc />
    public string Kind => "quantize";

    /// <inheritdoc />
    public string CanonicalForm => new CanonicalText(Kind).Add("mode", "static").Add("per_channel", PerChannel)
        .Add("activation_type", ActivationType).Add("weight_type", WeightType).Add("symmetric_activations", SymmetricActivations)
        .Add("reduce_range", ReduceRange).Add("calibration.method", Method).Add("calibration.percentile", Percentile)
        .Add("calibration.samples", Samples?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all")
        .AddSet("include", Include).AddSet("exclude", Exclude).Add("fallback.max_nodes", FallbackMaxNodes).ToString();

    internal static StaticQuantizeSettings? Read(MappingReader map, StepReadContext step)
    {
        map.Forbid("mode is static", "Static quantization handles every op type it knows; choose nodes with include/exclude.", "ops");
        if (step.Data is null && !step.DataInvalid)
        {
            map.Context.Report(ConfigDiagnostics.NeedsData(map.Value("mode")!.Position, "Static quantization",
                "calibration data (data.path with data.calibration, or data.inputs as a fallback)"));
            return null;
        }

        var ok = true;
        var method = CalibrationMethod.MinMax;
        var percentile = 99.999;
        int? samples = null;
        if (map.Section("calibration", ConfigKeys.QuantizeCalibration) is { } calibration)
        {
            method = calibration.Has("method") ? calibration.Choice<CalibrationMethod>("method") ?? Fail(ref ok, method) : method;
            if (calibration.Has("percentile"))
            {
                percentile = calibration.Number("percentile", NumberRange.Open(0, 100)) ?? Fail(ref ok, percentile);
                if (method != CalibrationMethod.Percentile)
                {
                    calibration.Forbid("method is not percentile", "Remove 'percentile' or set 'method: percentile'.", "percentile");
                    ok = false;
                }
            }

            samples = calibration.Has("samples") ? calibration.Integer("samples", NumberRange.AtLeast(1)) ?? Fail(ref ok, 0) : null;
        }

        var fallback = DefaultFallbackMaxNodes;
        if (map.Value("fallback") is YScalar { Value: "none" })
        {
            fallback = 0;
        }
        else if (map.Has("fallback") && map.Section("fallback", ConfigKeys.QuantizeFallback) is { } section)
        {
            fallback = section.Has("max_nodes") ? section.Integer("max_nodes", NumberRange.AtLeast(0)) ?? Fail(ref ok, 0) : fallback;
        }
        else if (map.Has("fallback"))
        {
            ok = false;
        }

        var activation = map.Has("activation_type") ? map.Choice<QuantizedType>("activation_type") : QuantizedType.UInt8;
        var weight = map.Has("weight_type") ? map.Choice<QuantizedType>("weight_type") : QuantizedType.Int8;
        var perChannel = map.Bool("per_channel") ?? true;
        var symmetric = map.Bool("symmetric_activations") ?? false;
        var reduce = map.Bool("reduce_range") ?? false;
        var include = map.Names("include") ?? [];
        var exclude = map.Names("exclude") ?? [];
        return ok && activation is { } a && weight is { } w
            ? new StaticQuantizeSettings(perChannel, a, w, symmetric, reduce, method, percentile, samples, include, exclude, fallback)
            : null;
    }

    private static T Fail<T>(ref bool ok, T value)
    {
        ok = false;
        return value;
    }
}
