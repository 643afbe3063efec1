using Microsoft.ML.OnnxRuntime;
using ModelCompress.Onnx.Dependencies;
using static TorchSharp.torch;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;

namespace ModelCompress.Torch.Tests;

/// <summary>A channel-pruned model (every prunable group halved) runs in the Torch executor exactly as in ONNX Runtime.</summary>
public sealed class ChannelPrunedParityTests
{
    [Theory]
    [InlineData("digits/digits_cnn.onnx")]
    [InlineData("digits/digits_cnn_bn.onnx")]
    [InlineData("digits/digits_mlp.onnx")]
    [InlineData("digits-wide/digits_wide_cnn.onnx")]
    public void A_channel_pruned_fixture_gives_onnx_runtime_logits_in_the_executor(string file)
    {
        var model = OnnxModel.Load(Path.Combine(Fixtures.TestData, file));
        var dependencies = ChannelDependencies.Build(model);
        var keep = dependencies.Groups.Where(g => g.IsPrunable)
            .ToDictionary(g => g, g => Enumerable.Range(0, (int)g.Channels).Where(c => c % 2 == 0).ToArray());
        dependencies.Prune(keep);
        var (pixels, shape) = Npz.Floats(Fixtures.Npz, "x_test");
        pixels = pixels[..(64 * 64)];
        shape = [64, .. shape[1..]];

        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model.ToBytes(), options);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor(pixels, shape.Select(d => (int)d).ToArray()))]);
        var expected = results.First().AsEnumerable<float>().ToArray();
        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model.Proto);
        module.eval();
        var logits = module.forward(new Dictionary<string, Tensor> { [module.InputNames[0]] = torch.tensor(pixels, shape) })[module.OutputNames[0]];

        Assert.NotEmpty(keep);
        var actual = logits.data<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        var worst = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
        Assert.True(worst < 1e-4, $"{file}: max |torch - ort| = {worst}");
    }
}
