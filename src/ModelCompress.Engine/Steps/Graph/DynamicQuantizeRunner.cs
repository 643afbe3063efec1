namespace ModelCompress.Engine.Steps.Graph;

/// <summary><c>quantize: { mode: dynamic }</c>: int8 weights, activations quantized at run time.</summary>
public sealed class DynamicQuantizeRunner : IStepRunner<QuantizeSettings>
{
    public string CacheSalt => "dynamic-v1";

    public StepResult Run(QuantizeSettings settings, StepInput input, StepContext context)
    {
        var options = new DynamicQuantizeOptions(settings.PerChannel, settings.Ops, settings.Include, settings.Exclude);
        var result = new DynamicQuantizer(options).Quantize(input.Model);
        var convs = result.Nodes.Count(n => n.Quantized && n.OpType == "Conv");
        if (convs > 0)
        {
            context.Report(Quantize.StaticQuantizeDiagnostics.ConvIntegerSlow(input.Step.Position, convs));
        }
        var facts = new List<StepFact>
        {
            new("quantized", $"{result.QuantizedCount}/{result.Nodes.Count}"),
            new("opset", $"{result.OpsetBefore}->{result.OpsetAfter}"),
        };
        facts.AddRange(result.Nodes.Select(n => new StepFact($"node {n.Node} ({n.OpType})", n.Quantized ? "quantized" : $"skipped: {n.Reason}")));
        return new StepResult(result.Model, facts);
    }
}
