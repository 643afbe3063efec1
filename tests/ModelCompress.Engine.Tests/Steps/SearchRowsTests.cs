namespace ModelCompress.Engine.Tests.Steps;

/// <summary>
/// <c>sparsity: auto</c> must not search on the evaluation rows: refused (MC3313) when every calibration row is an
/// evaluation row, warned (MC3314) when some are — found by content, whatever the arrays are called.
/// </summary>
public sealed class SearchRowsTests
{
    private const string Settings = "{ method: channel, sparsity: auto, target: { macs_ratio: 0.5 } }";

    [Fact]
    public void Calibration_bound_to_the_evaluation_rows_is_refused_at_the_sparsity_line()
    {
        var source = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var data = Load(source, "x_test");

        var error = Assert.Single(Assert.Throws<CompressionException>(() => Run(source, data, _ => { })).Diagnostics);

        ConfigText.AssertAt(error, "MC3313", Yaml, "auto");
    }

    [Fact]
    public void Calibration_holding_some_evaluation_rows_is_searched_with_a_warning_naming_the_count()
    {
        var source = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var data = Load(source, "x_calib");
        var calib = data.Calibration!["input"];
        var mixed = Concat(calib.SliceRows(0, 60), data.Inputs["input"].SliceRows(100, 7));
        var warnings = new List<Diagnostic>();

        Run(source, data with { Calibration = new Dictionary<string, NdArray> { ["input"] = mixed } }, warnings.Add);

        var warning = Assert.Single(warnings, w => w.Code == "MC3314");
        Assert.Contains("7 of the 67 calibration rows", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlap_is_found_by_content_and_kept_apart_rows_count_zero()
    {
        var source = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var data = Load(source, "x_calib");
        var test = data.Inputs["input"];

        Assert.Equal(0, RowOverlap.Count(data.Calibration!, data.Inputs));
        Assert.Equal(test.Rows, RowOverlap.Count(new Dictionary<string, NdArray> { ["input"] = test.ConvertTo(NdElementType.Float64) }, data.Inputs));
    }

    private static string Yaml => ChannelPruneRun.Yaml(Settings);

    private static NdArray Concat(NdArray a, NdArray b)
    {
        var shape = (long[])a.Shape.Clone();
        shape[0] = a.Rows + b.Rows;
        return new NdArray(NdElementType.Float32, shape, a.ToFloat32().Concat(b.ToFloat32()).ToArray());
    }

    private static EvalDataset Load(OnnxModel model, string calibration) => ChannelPruneRun.DigitsRows(model, calibration);

    private static StepResult Run(OnnxModel source, EvalDataset data, Action<Diagnostic> report) => ChannelPruneRun.Run(Settings, source, data, report);
}
