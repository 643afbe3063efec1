namespace ModelCompress.Engine.Steps.Quantize.WeightOnly;

/// <summary><c>quantize: { mode: weight_only }</c>: MatMul/Gemm weights in 4 or 8 bits per block (MatMulNBits).</summary>
public sealed class WeightOnlyQuantizeRunner : IStepRunner<WeightOnlyQuantizeSettings>
{
    public string CacheSalt => "weight-only-v1";

    public StepResult Run(WeightOnlyQuantizeSettings s, StepInput input, StepContext context)
    {
        var result = new WeightOnlyQuantizer(new WeightOnlyOptions(s.Bits, s.BlockSize, s.Symmetric, s.AccuracyLevel, s.Include, s.Exclude))
            .Quantize(input.Model);
        var ratio = result.FloatBytes > 0 ? (double)result.PackedBytes / result.FloatBytes : 0;
        var facts = new List<StepFact>
        {
            new("quantized", $"{result.QuantizedCount}/{result.Nodes.Count}"),
            new("weights", string.Create(CultureInfo.InvariantCulture,
                $"{result.FloatBytes} -> {result.PackedBytes} bytes ({ratio:0.000}x), int{s.Bits}, block {s.BlockSize}, {(s.Symmetric ? "symmetric" : "zero points")}")),
        };
        facts.AddRange(result.Nodes.Select(n => new StepFact($"node {n.Node} ({n.OpType})", n.Quantized ? "MatMulNBits" : $"skipped: {n.Reason}")));
        return new StepResult(result.Model, facts);
    }
}
