using ModelCompress.Engine.Steps.Graph;

namespace ModelCompress.Engine.Steps;

/// <summary>The steps that only rewrite the ONNX graph (no training, no libtorch).</summary>
public static class GraphSteps
{
    public static IEnumerable<IStepRunner> Runners() =>
    [
        new MagnitudePruneRunner(),
        new NmPruneRunner(),
        new NeuronPruneRunner(),
        new HeadPruneRunner(),
        new DynamicQuantizeRunner(),
    ];
}
