using ModelCompress.Engine.Steps.Quantize.Calibration;

namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// Constant tensors to 8 bits: weights per channel along an axis (or per tensor), int8 symmetric or uint8
/// asymmetric; biases to int32 with scale = activation scale × weight scale and zero point 0.
/// </summary>
internal static class WeightQuantizer
{
    /// <summary>Per-channel (axis ≥ 0) or per-tensor (axis -1) parameters and values.</summary>
    public static (QuantParams[] Params, byte[] Raw) Quantize(OnnxTensor weight, int axis, OnnxDataType type, bool reduceRange)
    {
        var values = weight.ToFloatArray();
        var channels = axis < 0 ? 1 : (int)weight.Dims[axis];
        var stride = 1L;
        for (var d = axis + 1; axis >= 0 && d < weight.Dims.Count; d++)
        {
            stride *= weight.Dims[d];
        }

        int ChannelOf(long i) => axis < 0 ? 0 : (int)(i / stride % channels);
        var min = new float[channels];
        var max = new float[channels];
        for (var i = 0; i < values.Length; i++)
        {
            var c = ChannelOf(i);
            min[c] = MathF.Min(min[c], values[i]);
            max[c] = MathF.Max(max[c], values[i]);
        }

        var parameters = new QuantParams[channels];
        for (var c = 0; c < channels; c++)
        {
            parameters[c] = QuantParams.ForRange(new TensorRange(min[c], max[c]), type, symmetric: type == OnnxDataType.Int8, reduceRange);
        }

        var raw = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            raw[i] = unchecked((byte)parameters[ChannelOf(i)].Quantize(values[i]));
        }

        return (parameters, raw);
    }

    /// <summary>The bias as int32 for the given activation scale and per-channel (or single) weight scales.</summary>
    public static (int[] Values, float[] Scales) Bias(float[] bias, float activationScale, IReadOnlyList<QuantParams> weight)
    {
        var values = new int[bias.Length];
        var scales = new float[bias.Length];
        for (var c = 0; c < bias.Length; c++)
        {
            scales[c] = activationScale * weight[weight.Count == 1 ? 0 : c].Scale;
            var q = Math.Round(bias[c] / (double)scales[c], MidpointRounding.ToEven);
            values[c] = (int)Math.Clamp(q, int.MinValue, int.MaxValue);
        }

        return (values, scales);
    }

    /// <summary>An 8-bit tensor of the given type from raw bytes (int8 values reinterpreted).</summary>
    public static OnnxTensor Tensor(string name, OnnxDataType type, IReadOnlyList<long> dims, byte[] raw) => type == OnnxDataType.UInt8
        ? OnnxTensor.FromUInt8s(name, dims, raw)
        : OnnxTensor.FromInt8s(name, dims, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(raw));
}
