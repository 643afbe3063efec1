namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// Symmetric weight quantization: scale = max|w| / 127 per channel (or per tensor), q = round(w / scale) clamped
/// to [-127, 127], rounding half to even as numpy and ONNX Runtime do. -128 is left out so that the range is
/// symmetric and products cannot overflow int16 in the u8s8 kernels.
/// </summary>
internal static class SymmetricWeights
{
    /// <summary>Quantizes <paramref name="weights"/>; <paramref name="channelOf"/> maps an element index to its channel.</summary>
    public static (sbyte[] Values, float[] Scales) Quantize(float[] weights, int channels, Func<int, int> channelOf)
    {
        var max = new float[channels];
        for (var i = 0; i < weights.Length; i++)
        {
            var c = channelOf(i);
            max[c] = MathF.Max(max[c], MathF.Abs(weights[i]));
        }

        // An all-zero channel gets scale 1 so that dividing stays finite; its values quantize to 0 either way.
        var scales = Array.ConvertAll(max, m => m > 0 ? m / 127f : 1f);
        var values = new sbyte[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var q = MathF.Round(weights[i] / scales[channelOf(i)], MidpointRounding.ToEven);
            values[i] = (sbyte)Math.Clamp(q, -127f, 127f);
        }

        return (values, scales);
    }

    /// <summary>The same values shifted to uint8 around zero point 128 (for ConvInteger, which ORT runs as u8u8).</summary>
    public static byte[] ToUInt8(sbyte[] values) => Array.ConvertAll(values, v => (byte)(v + 128));
}
