using ModelCompress.Engine.Steps.Quantize;
using ModelCompress.Engine.Steps.Quantize.Calibration;

namespace ModelCompress.Engine.Tests.Steps.Quantize;

public sealed class StaticQuantizerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("digits_wide_cnn_fused.onnx")]
    [InlineData("digits_wide_cnn.onnx")] // BatchNormalization kept: graph preparation folds it first
    public void Wide_cnn_fuses_every_conv_and_keeps_top1(string file)
    {
        var original = OnnxModel.Load(DigitsData.WideModel(file));
        ModelCompress.Engine.Steps.Prepare.GraphPreparation.Run(original);

        var result = Quantize(original, CalibrationOptions.Default);
        var counts = FusionCheck.Count(original, result.Model);
        var accuracy = OrtEval.Accuracy(OrtEval.Logits(result.Model.ToBytes()));

        foreach (var node in result.Nodes)
        {
            output.WriteLine($"{node.Node} {node.OpType} {node.Role} {node.Reason}");
        }

        output.WriteLine(string.Join(", ", counts) + $"; top-1 {accuracy:F4}");
        foreach (var op in new[] { "Conv", "Gemm", "MaxPool", "GlobalAveragePool", "Flatten" })
        {
            var count = counts.Single(c => c.OpType == op);
            Assert.Equal(count.Total, count.Fused);
        }

        Assert.Equal(6, counts.Single(c => c.OpType == "Conv").Fused);
        Assert.Equal(1, counts.Single(c => c.OpType == "Gemm").Fused);
        Assert.True(accuracy >= 0.998, $"top-1 {accuracy}");
    }

    internal static StaticQuantizeResult Quantize(OnnxModel model, CalibrationOptions calibration, StaticQuantizeOptions? options = null)
    {
        var (x, shape) = DigitsData.XCalib;
        var inputs = new Dictionary<string, NdArray> { ["input"] = new(NdElementType.Float32, shape, x) };
        var ranges = Calibrator.Run(model, inputs, calibration);
        return new StaticQuantizer(options ?? StaticQuantizeOptions.Default).Quantize(model, ranges);
    }
}
