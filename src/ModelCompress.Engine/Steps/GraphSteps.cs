using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Engine.Steps.Prepare;

namespace ModelCompress.Engine.Steps;

/// <summary>The steps that only rewrite the ONNX graph (no training, no libtorch).</summary>
public static class GraphSteps
{
    public static IEnumerable<IStepRunner> Runners() =>
    [
        new PrepareRunner(),
        new MagnitudePruneRunner(),
        new DynamicQuantizeRunner(),
        new Quantize.StaticQuantizeRunner(),
    ];
}
