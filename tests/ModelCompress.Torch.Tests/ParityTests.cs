using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using static TorchSharp.torch;

namespace ModelCompress.Torch.Tests;

/// <summary>Every fixture model gives ONNX Runtime's logits (within 1e-4) for the whole test split in eval mode.</summary>
public sealed class ParityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("digits/digits_cnn.onnx")]
    [InlineData("digits/digits_cnn_bn.onnx")]
    [InlineData("digits/digits_mlp.onnx")]
    [InlineData("digits-wide/digits_student_small_init.onnx")]
    public void Logits_match_onnx_runtime_on_the_whole_test_split(string model)
    {
        var (pixels, shape) = Npz.Floats(Fixtures.Npz, "x_test");
        Assert.Equal(497, shape[0]);
        var path = Path.Combine(Fixtures.TestData, model);
        var expected = RunOrt(path, pixels, shape);

        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(Fixtures.Load(model));
        module.eval();
        var input = torch.tensor(pixels, shape);
        var logits = module.forward(new Dictionary<string, Tensor> { [module.InputNames[0]] = input })[module.OutputNames[0]];

        Assert.Equal([497L, 10L], logits.shape);
        var actual = logits.data<float>().ToArray();
        var maxDiff = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
        output.WriteLine($"{model}: max |torch - ort| = {maxDiff:E3}");
        Assert.True(maxDiff < 1e-4, $"{model}: max abs difference {maxDiff}");
    }

    private static float[] RunOrt(string path, float[] pixels, long[] shape)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);
        var tensor = new DenseTensor(pixels, shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.First(), tensor)]);
        return results.First().AsEnumerable<float>().ToArray();
    }
}
