using ModelCompress.Engine.Steps.Channel;
using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Engine.Steps.Prepare;
using ModelCompress.Engine.Steps.Quantize.Fp16;
using ModelCompress.Engine.Steps.Quantize.WeightOnly;

namespace ModelCompress.Engine.Steps;

/// <summary>The steps that only rewrite the ONNX graph (no training, no libtorch).</summary>
public static class GraphSteps
{
    public static IEnumerable<IStepRunner> Runners() =>
    [
        new PrepareRunner(),
        new MagnitudePruneRunner(),
        new ChannelPruneRunner(),
        new NmPruneRunner(),
        new NeuronPruneRunner(),
        new HeadPruneRunner(),
        new DynamicQuantizeRunner(),
        new Fp16QuantizeRunner(),
        new WeightOnlyQuantizeRunner(),
        new Quantize.StaticQuantizeRunner(),
    ];
}
