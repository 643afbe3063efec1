namespace ModelCompress.Onnx.Preparation;

/// <summary>
/// An inference-mode BatchNormalization as y = x·Scale + (Bias − Mean·Scale) per channel, in double precision.
/// </summary>
internal sealed record Affine(double[] Scale, double[] Mean, double[] Bias)
{
    public int Channels => Scale.Length;

    /// <summary>The BN's parameters when they are all float initializers of one length and it runs in inference mode.</summary>
    public static Affine? Of(OnnxGraph graph, OnnxNode bn)
    {
        // training_mode (opset 14), spatial = 0 (before opset 9) and extra outputs that someone reads all rule it out.
        if (bn.GetInt("training_mode") != 0 || bn.GetInt("spatial", 1) == 0 || bn.GetInt("is_test", 1) == 0
            || bn.Outputs.Skip(1).Any(o => o.Length > 0 && (graph.Consumers(o).Count > 0 || graph.IsGraphOutput(o))))
        {
            return null;
        }

        var parameters = new double[4][];
        for (var i = 0; i < 4; i++)
        {
            if (!graph.TryGetInitializer(bn.Input(i + 1), out var t) || t.DataType != OnnxDataType.Float || t.Dims.Count != 1)
            {
                return null;
            }

            parameters[i] = Array.ConvertAll(t.ToFloatArray(), v => (double)v);
        }

        var (scale, bias, mean, variance) = (parameters[0], parameters[1], parameters[2], parameters[3]);
        if (scale.Length == 0 || bias.Length != scale.Length || mean.Length != scale.Length || variance.Length != scale.Length)
        {
            return null;
        }

        var epsilon = (double)bn.GetFloat("epsilon", 1e-5f);
        var s = new double[scale.Length];
        for (var c = 0; c < s.Length; c++)
        {
            // ONNX Runtime computes in float: sqrt of (float)(var + eps). Matching it keeps outputs within float rounding.
            s[c] = scale[c] / Math.Sqrt((float)(variance[c] + epsilon));
            if (!double.IsFinite(s[c]))
            {
                return null;
            }
        }

        return new Affine(s, mean, bias);
    }

    /// <summary>The new bias: (β·b − mean)·s + bias per channel, b being the producer's bias (null: zero).</summary>
    public float[] Shift(float[]? producerBias, float beta)
    {
        var result = new float[Channels];
        for (var c = 0; c < Channels; c++)
        {
            var b = producerBias is null ? 0.0 : (double)beta * producerBias[c];
            result[c] = (float)(((b - Mean[c]) * Scale[c]) + Bias[c]);
        }

        return result;
    }
}
