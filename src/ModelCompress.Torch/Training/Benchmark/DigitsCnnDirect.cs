using ModelCompress.Onnx;

namespace ModelCompress.Torch.Training.Benchmark;

/// <summary>
/// The digits CNN (Conv-ReLU-Conv-ReLU-MaxPool-Conv-ReLU-GlobalAveragePool-Gemm) written directly with torch.nn,
/// with the ONNX file's weights copied in: the baseline the graph executor is measured against.
/// </summary>
internal sealed class DigitsCnnDirect : nn.Module<IReadOnlyDictionary<string, Tensor>, IReadOnlyDictionary<string, Tensor>>
{
    private readonly TorchSharp.Modules.Conv2d _conv1;
    private readonly TorchSharp.Modules.Conv2d _conv2;
    private readonly TorchSharp.Modules.Conv2d _conv3;
    private readonly TorchSharp.Modules.Linear _fc;

    public DigitsCnnDirect(OnnxModel model)
        : base("digits_cnn_direct")
    {
        var convs = model.Graph.Nodes.Where(n => n.OpType == "Conv").ToList();
        var gemm = model.Graph.Nodes.Single(n => n.OpType == "Gemm");
        _conv1 = Conv(model, convs[0]);
        _conv2 = Conv(model, convs[1]);
        _conv3 = Conv(model, convs[2]);
        var w = Tensor(model, gemm.Input(1));
        _fc = nn.Linear(w.shape[1], w.shape[0]);
        using (torch.no_grad())
        {
            _fc.weight!.copy_(w);
            _fc.bias!.copy_(Tensor(model, gemm.Input(2)));
        }

        RegisterComponents();
    }

    public override IReadOnlyDictionary<string, Tensor> forward(IReadOnlyDictionary<string, Tensor> input)
    {
        using var scope = torch.NewDisposeScope();
        var x = nn.functional.relu(_conv1.forward(input["input"]));
        x = nn.functional.max_pool2d(nn.functional.relu(_conv2.forward(x)), 2);
        x = nn.functional.relu(_conv3.forward(x));
        x = nn.functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return new Dictionary<string, Tensor> { ["logits"] = _fc.forward(x).MoveToOuterDisposeScope() };
    }

    private static TorchSharp.Modules.Conv2d Conv(OnnxModel model, ModelCompress.Onnx.OnnxNode node)
    {
        var w = Tensor(model, node.Input(1));
        var conv = nn.Conv2d(w.shape[1], w.shape[0], w.shape[2], padding: w.shape[2] / 2);
        using (torch.no_grad())
        {
            conv.weight!.copy_(w);
            conv.bias!.copy_(Tensor(model, node.Input(2)));
        }

        return conv;
    }

    private static Tensor Tensor(OnnxModel model, string name)
    {
        model.Graph.TryGetInitializer(name, out var t);
        return torch.tensor(t!.ToFloatArray(), [.. t.Dims]);
    }
}
