using ModelCompress.Onnx;
using ModelCompress.Onnx.Dependencies;
using ModelCompress.Torch.Tests.Support;
using ModelCompress.Torch.Training.Pruning.Channels;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelCompress.Torch.Tests.Training;

/// <summary>
/// The masks gradual channel pruning trains under are exact: a model whose masked channels are zero computes what the
/// model with those channels removed computes, so the cut at the end of training changes no output.
/// </summary>
public sealed class ChannelMasksTests
{
    [Theory]
    [InlineData("digits/digits_cnn_bn.onnx")]
    [InlineData("digits/digits_cnn.onnx")]
    [InlineData("digits/digits_mlp.onnx")]
    public void Masked_channels_give_the_outputs_of_the_model_without_them(string file)
    {
        var model = OnnxModel.Load(Path.Combine(Fixtures.TestData, file));
        var groups = ChannelDependencies.Build(model).Groups.Where(g => g.IsPrunable).ToList();
        // Keep every third channel plus channel 1, so kept and removed runs of every length occur.
        var kept = groups.Select(g => Enumerable.Range(0, (int)g.Channels).Where(c => c % 3 == 0 || c == 1).ToArray()).ToList();
        var (pixels, shape) = Npz.Floats(Fixtures.Npz, "x_test");
        pixels = pixels[..(32 * 64)];
        shape = [32, .. shape[1..]];

        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model.Proto);
        using var masks = new ChannelMasks(module, model.Graph, groups);
        masks.Grow(kept.Select((k, i) => (k, i)).ToDictionary(p => p.i, p => p.k));
        masks.Apply();
        module.eval();
        var masked = Logits(module, pixels, shape);
        var written = new OnnxModel(OnnxWeightWriter.WriteBack(model.Proto, module));
        var dependencies = ChannelDependencies.Build(written);
        dependencies.Prune(dependencies.Groups.Where(g => g.IsPrunable).Select((g, i) => (g, kept[i])).ToDictionary(p => p.g, p => p.Item2));
        using var cut = new OnnxModule(written.Proto);
        cut.eval();
        var pruned = Logits(cut, pixels, shape);

        Assert.NotEmpty(groups);
        Assert.Equal(masked.Length, pruned.Length);
        var worst = masked.Zip(pruned, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst < 1e-4, $"{file}: max |masked - cut| = {worst}");
        Assert.NotEqual(model.ToBytes().Length, written.ToBytes().Length);
    }

    private static float[] Logits(OnnxModule module, float[] pixels, long[] shape) =>
        module.forward(new Dictionary<string, Tensor> { [module.InputNames[0]] = torch.tensor(pixels, shape) })[module.OutputNames[0]].data<float>().ToArray();
}
