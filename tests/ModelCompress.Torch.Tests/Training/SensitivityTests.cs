using ModelCompress.Torch.Tests.Steps;

namespace ModelCompress.Torch.Tests.Training;

public sealed class SensitivityTests
{
    [Fact]
    public void Each_layer_is_pruned_alone_and_accuracy_falls_with_sparsity()
    {
        var model = StepHarness.Model("digits/digits_cnn.onnx");
        var before = model.ToBytes();
        var report = SensitivityAnalysis.Analyze(model, DigitsData.Dataset(), [0.3, 0.99]);

        Assert.Equal("accuracy", report.Metric);
        Assert.Equal(493.0 / 497, report.Baseline, 6);
        Assert.Equal(8, report.Rows.Count);
        Assert.Equal(["/conv1/Conv", "/conv2/Conv", "/conv3/Conv", "/fc/Gemm"], report.Rows.Select(r => r.Node).Distinct());
        foreach (var layer in report.Rows.GroupBy(r => r.Node))
        {
            var (light, heavy) = (layer.Single(r => r.Sparsity == 0.3), layer.Single(r => r.Sparsity == 0.99));
            Assert.True(light.Accuracy >= report.Baseline - 0.01, $"{layer.Key} at 30 %: {light.Accuracy}");
            Assert.True(heavy.Accuracy < light.Accuracy, $"{layer.Key}: 99 % {heavy.Accuracy} vs 30 % {light.Accuracy}");
        }

        Assert.Equal(before, model.ToBytes());
    }
}
