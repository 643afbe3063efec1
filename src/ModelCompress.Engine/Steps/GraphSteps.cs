using ModelCompress.Engine.Steps.Channel;
using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Engine.Steps.Prepare;
using ModelCompress.Engine.Steps.Quantize.Fp16;
using ModelCompress.Engine.Steps.Quantize.WeightOnly;

namespace ModelCompress.Engine.Steps;

/// <summary>The steps that only rewrite the ONNX graph (no training, no libtorch).</summary>
public static class GraphSteps
{
    public static IEnumerable<StepBinding> Runners() =>
    [
        StepBinding.Of(StepKinds.Prepare, new PrepareRunner()),
        StepBinding.Of(StepKinds.MagnitudePrune, new MagnitudePruneRunner()),
        StepBinding.Of(StepKinds.ChannelPrune, new ChannelPruneRunner()),
        StepBinding.Of(StepKinds.NmPrune, new NmPruneRunner()),
        StepBinding.Of(StepKinds.NeuronPrune, new NeuronPruneRunner()),
        StepBinding.Of(StepKinds.HeadPrune, new HeadPruneRunner()),
        StepBinding.Of(StepKinds.DynamicQuantize, new DynamicQuantizeRunner()),
        StepBinding.Of(StepKinds.Fp16Quantize, new Fp16QuantizeRunner()),
        StepBinding.Of(StepKinds.WeightOnlyQuantize, new WeightOnlyQuantizeRunner()),
        StepBinding.Of(StepKinds.StaticQuantize, new Quantize.StaticQuantizeRunner()),
    ];
}
