namespace ModelCompress.Engine.Config;

/// <summary>Settings of the <c>quantize</c> step.</summary>
/// <param name="Mode">Quantization scheme (dynamic here; fp16 and weight_only read their own settings records).</param>
/// <param name="PerChannel">One scale per output channel rather than per tensor (default true).</param>
/// <param name="Ops">ONNX op types to quantize (default MatMul, Gemm; allowed MatMul, Gemm, Conv).</param>
/// <param name="Include">Only these nodes are quantized (empty: all of the listed op types).</param>
/// <param name="Exclude">These nodes stay in float.</param>
public sealed record QuantizeSettings(
    QuantizeMode Mode, bool PerChannel, IReadOnlyList<string> Ops, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
    : IStepSettings
{
    /// <summary>The op types the quantizer has handlers for.</summary>
    public static IReadOnlyList<string> AllowedOps { get; } = ["MatMul", "Gemm", "Conv"];

    /// <summary>Op types quantized when <c>ops:</c> is not given.</summary>
    public static IReadOnlyList<string> DefaultOps { get; } = ["MatMul", "Gemm"];

    /// <inheritdoc />
    public string Kind => "quantize";

    /// <inheritdoc />
    public string CanonicalForm => new CanonicalText(Kind).Add("mode", Mode).Add("per_channel", PerChannel)
        .AddSet("ops", Ops).AddSet("include", Include).AddSet("exclude", Exclude).ToString();

    internal static IStepSettings? Read(MappingReader map, StepReadContext step)
    {
        var modeOk = map.Require("mode", "Add 'mode: dynamic'.");
        var mode = map.Choice<QuantizeMode>("mode");
        if (mode is QuantizeMode.Static)
        {
            map.Forbid("mode is static", "Remove it: it belongs to mode fp16 or weight_only.", [.. Fp16QuantizeSettings.OwnKeys, .. WeightOnlyQuantizeSettings.OwnKeys]);
            return StaticQuantizeSettings.Read(map, step);
        }

        map.Forbid($"mode is {YamlNames.Of(mode ?? QuantizeMode.Dynamic)}", "These keys belong to 'mode: static'.", [.. StaticQuantizeSettings.StaticOnlyKeys]);
        switch (mode)
        {
            case QuantizeMode.Fp16:
                return Fp16QuantizeSettings.Read(map);
            case QuantizeMode.WeightOnly:
                return WeightOnlyQuantizeSettings.Read(map);
            case QuantizeMode.Dynamic:
                map.Forbid("mode is dynamic", "Remove it: it belongs to mode fp16 or weight_only.", [.. Fp16QuantizeSettings.OwnKeys, .. WeightOnlyQuantizeSettings.OwnKeys]);
                break;
        }

        var ops = map.Names("ops") ?? DefaultOps;
        var opsOk = true;
        if (map.Value("ops") is YSequence { Items.Count: 0 } empty)
        {
            map.Context.Report(ConfigDiagnostics.EmptySection(empty.Position, "ops", $"List op types to quantize ({string.Join(", ", AllowedOps)}) or remove 'ops' for the default."));
            opsOk = false;
        }
        else if (map.Value("ops") is YSequence listed)
        {
            foreach (var item in listed.Items.OfType<YScalar>().Where(i => !AllowedOps.Contains(i.Value)))
            {
                map.Context.Report(ConfigDiagnostics.UnknownValue(item.Position, "op type", item.Value, AllowedOps, Suggestions.Closest(item.Value, AllowedOps)));
                opsOk = false;
            }
        }

        var include = map.Names("include") ?? [];
        var exclude = map.Names("exclude") ?? [];
        return modeOk && mode is { } m && opsOk
            ? new QuantizeSettings(m, map.Bool("per_channel") ?? true, ops, include, exclude)
            : null;
    }
}
