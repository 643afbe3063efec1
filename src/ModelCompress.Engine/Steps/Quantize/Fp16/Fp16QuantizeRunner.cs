namespace ModelCompress.Engine.Steps.Quantize.Fp16;

/// <summary><c>quantize: { mode: fp16 }</c>: float16 weights and compute, float32 at the graph boundary by default.</summary>
public sealed class Fp16QuantizeRunner : IStepRunner<Fp16QuantizeSettings>
{
    public string CacheSalt => "fp16-v1";

    public StepResult Run(Fp16QuantizeSettings settings, StepInput input, StepContext context)
    {
        var result = new Fp16Converter(new Fp16Options(settings.KeepIoTypes, settings.Exclude, settings.ExcludeOps)).Convert(input.Model);
        if (result.Clamped > 0)
        {
            context.Report(LowBitDiagnostics.Clamped(result.Clamped));
        }

        var facts = new List<StepFact>
        {
            new("converted nodes", result.ConvertedNodes.ToString(CultureInfo.InvariantCulture)),
            new("float16 constants", result.ConvertedConstants.ToString(CultureInfo.InvariantCulture)),
            new("casts inserted", result.Casts.ToString(CultureInfo.InvariantCulture)),
            new("values clamped to ±65504", result.Clamped.ToString(CultureInfo.InvariantCulture)),
            new("tiny values raised to ±2^-24", result.Raised.ToString(CultureInfo.InvariantCulture)),
            new("graph inputs/outputs", settings.KeepIoTypes ? "float32 (keep_io_types)" : "float16"),
        };
        facts.AddRange(result.Kept.Select(k => new StepFact($"node {k.Node} ({k.OpType})", $"float32: {k.Reason}")));
        return new StepResult(result.Model, facts);
    }
}
