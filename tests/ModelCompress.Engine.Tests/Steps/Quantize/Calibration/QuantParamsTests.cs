using ModelCompress.Engine.Steps.Quantize.Calibration;

namespace ModelCompress.Engine.Tests.Steps.Quantize.Calibration;

// ONNX Runtime's definition (quantization/quant_utils.py compute_scale_zp): the range is widened to hold 0,
// scale = (max - min) / (qmax - qmin), zero point = round(qmin - min / scale) clamped; symmetric uses the middle.
public sealed class QuantParamsTests
{
    [Theory]
    [InlineData(-1f, 3f, 4f / 255f, 64)] // round(0 + 1 / (4/255)) = round(63.75)
    [InlineData(0.5f, 2f, 2f / 255f, 0)] // widened to [0, 2]
    [InlineData(-2f, -1f, 2f / 255f, 255)] // widened to [-2, 0]
    [InlineData(-0.3f, 0.7f, 1f / 255f, 76)] // round(76.5) = 76, half to even
    public void Uint8_minmax_matches_ort(float min, float max, float scale, int zeroPoint)
    {
        var p = QuantParams.ForRange(new TensorRange(min, max), OnnxDataType.UInt8, symmetric: false);

        Assert.Equal(scale, p.Scale, 6);
        Assert.Equal(zeroPoint, p.ZeroPoint);
    }

    [Fact]
    public void Int8_and_symmetric_forms_match_ort()
    {
        var int8 = QuantParams.ForRange(new TensorRange(-1f, 3f), OnnxDataType.Int8, symmetric: false);
        var symmetricU8 = QuantParams.ForRange(new TensorRange(-1f, 3f), OnnxDataType.UInt8, symmetric: true);
        var symmetricS8 = QuantParams.ForRange(new TensorRange(-1f, 3f), OnnxDataType.Int8, symmetric: true);
        var reduced = QuantParams.ForRange(new TensorRange(-1f, 3f), OnnxDataType.Int8, symmetric: true, reduceRange: true);

        Assert.Equal((4f / 255f, -64), (int8.Scale, int8.ZeroPoint)); // round(-128 + 63.75) = -64
        Assert.Equal((6f / 255f, 128), (symmetricU8.Scale, symmetricU8.ZeroPoint)); // round(127.5) = 128
        Assert.Equal((3f / 127f, 0), (symmetricS8.Scale, symmetricS8.ZeroPoint));
        Assert.Equal((3f / 64f, 0), (reduced.Scale, reduced.ZeroPoint));
    }

    [Fact]
    public void Empty_range_gets_scale_one_and_quantize_saturates()
    {
        var empty = QuantParams.ForRange(new TensorRange(0f, 0f), OnnxDataType.UInt8, symmetric: false);
        var p = QuantParams.ForRange(new TensorRange(-1f, 3f), OnnxDataType.UInt8, symmetric: false);

        Assert.Equal((1f, 0), (empty.Scale, empty.ZeroPoint));
        Assert.Equal(64, p.Quantize(0f));
        Assert.Equal(255, p.Quantize(100f));
        Assert.Equal(0, p.Quantize(-100f));
    }

    [Fact]
    public void Minmax_statistics_streamed_in_batches_equal_one_pass_and_skip_non_finite()
    {
        var stats = new MinMaxStatistics();
        stats.Add([0.5f, -0.25f]);
        stats.Add([float.NaN, 2f, float.PositiveInfinity]);
        stats.Add([]);

        Assert.Equal(new TensorRange(-0.25f, 2f), stats.Range());
        Assert.Null(new MinMaxStatistics().Range());
    }
}
