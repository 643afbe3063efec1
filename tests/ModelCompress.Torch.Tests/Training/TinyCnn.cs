using static TorchSharp.torch;

namespace ModelCompress.Torch.Tests.Training;

/// <summary>A small digits CNN written directly with torch.nn, so the trainer is tested apart from the ONNX bridge.</summary>
internal sealed class TinyCnn : nn.Module<IReadOnlyDictionary<string, Tensor>, IReadOnlyDictionary<string, Tensor>>
{
    private readonly nn.Module<Tensor, Tensor> _conv;
    private readonly nn.Module<Tensor, Tensor> _fc;
    private readonly float _scale;

    public TinyCnn(int seed, float inputScale = 1f)
        : base("tiny")
    {
        torch.manual_seed(seed);
        _conv = nn.Conv2d(1, 8, 3, padding: 1);
        _fc = nn.Linear(8 * 4 * 4, 10);
        _scale = inputScale;
        RegisterComponents();
    }

    public override IReadOnlyDictionary<string, Tensor> forward(IReadOnlyDictionary<string, Tensor> input)
    {
        using var scope = torch.NewDisposeScope();
        var x = nn.functional.relu(_conv.forward(input["input"] * _scale));
        x = nn.functional.max_pool2d(x, 2).flatten(1);
        return new Dictionary<string, Tensor> { ["logits"] = _fc.forward(x).MoveToOuterDisposeScope() };
    }
}
