namespace ModelCompress.Engine.Tests.Steps.Channel;

public sealed class ChannelSensitivityTests
{
    [Fact]
    public void Every_prunable_group_is_measured_on_calibration_rows_and_removing_all_but_one_channel_hurts()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var source = new DataSource(DigitsData.Model("digits.npz"), "npz", [new("", "x_calib")], "y_calib", null, null, null);
        var data = DatasetLoader.Load(source, ModelSignature.FromOnnx(model));

        var (baseline, metric, rows) = ChannelSensitivity.Analyze(model, data, [0.0, 0.5, 0.99]);

        Assert.Equal("accuracy", metric);
        Assert.True(baseline > 0.9, $"baseline {baseline}");
        // Three convolutions feed prunable groups; the classifier's output width is never pruned.
        Assert.Equal(["/conv1/Conv", "/conv2/Conv", "/conv3/Conv"], rows.Select(r => r.Group).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows.Where(r => r.Ratio == 0.0), r => Assert.Equal(baseline, r.Score, 12));
        Assert.All(rows.Where(r => r.Ratio == 0.99), r => Assert.Equal(1, r.Kept));
        Assert.Contains(rows, r => r.Ratio == 0.99 && r.Score < baseline - 0.3);
        Assert.All(rows, r => Assert.InRange(r.Score, 0.0, 1.0));
    }
}
