namespace ModelCompress.Torch.Ops;

/// <summary>
/// Resize (and the older Upsample) in nearest and (bi/tri)linear modes with every coordinate transformation.
/// Written as per-axis index gathers and blends, so it is differentiable and exact for any rank.
/// </summary>
internal static class ResizeOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Add("Upsample", 9, n => (x, _) => [Resize(n, x[0]!, null, TensorValues.Doubles(x[1]!), null)], 1);
        r.Add("Resize", 10, n => (x, _) => [Resize(n, x[0]!, null, TensorValues.Doubles(x[1]!), null)], 1);
        r.Add("Resize", 11, n => (x, _) => [Resize(
            n,
            x[0]!,
            x.Length > 1 && x[1] is { } roi && roi.numel() > 0 ? TensorValues.Doubles(roi) : null,
            x.Length > 2 && x[2] is { } scales && scales.numel() > 0 ? TensorValues.Doubles(scales) : null,
            x.Length > 3 && x[3] is { } sizes && sizes.numel() > 0 ? TensorValues.Longs(sizes) : null)], 1, 2, 3);
    }

    private static Tensor Resize(OnnxNode node, Tensor x, double[]? roi, double[]? scales, long[]? sizes)
    {
        var rank = (int)x.dim();
        var mode = node.String("mode", "nearest");
        if (mode is not ("nearest" or "linear"))
        {
            throw node.Unsupported($"mode='{mode}'");
        }

        if (node.Has("axes") || node.String("keep_aspect_ratio_policy", "stretch") != "stretch" || node.Int("antialias", 0) != 0)
        {
            throw node.Unsupported("axes, keep_aspect_ratio_policy or antialias");
        }

        var transform = node.Opset < 11 ? "asymmetric" : node.String("coordinate_transformation_mode", "half_pixel");
        var nearest = node.String("nearest_mode", "round_prefer_floor");
        var extrapolation = node.Float("extrapolation_value", 0f);
        var result = x.alias();
        for (var axis = 0; axis < rank; axis++)
        {
            long inSize = x.shape[axis];
            var outSize = sizes is not null ? sizes[axis] : (long)Math.Floor(inSize * scales![axis]);
            var scale = sizes is not null ? (double)outSize / inSize : scales![axis];
            if (outSize == inSize && scale == 1.0 && transform != "tf_crop_and_resize")
            {
                continue;
            }

            var source = new double[outSize];
            for (var o = 0; o < outSize; o++)
            {
                source[o] = SourceCoordinate(transform, o, scale, inSize, outSize, roi is null ? 0 : roi[axis], roi is null ? 1 : roi[axis + rank]);
            }

            result = mode == "nearest"
                ? Nearest(result, axis, source, inSize, nearest, node.Opset < 11)
                : Linear(result, axis, source, inSize);
            if (transform == "tf_crop_and_resize")
            {
                result = Extrapolate(result, axis, source, inSize, extrapolation);
            }
        }

        return result;
    }

    private static double SourceCoordinate(string transform, long o, double scale, long inSize, long outSize, double roiStart, double roiEnd) => transform switch
    {
        "half_pixel" => ((o + 0.5) / scale) - 0.5,
        "pytorch_half_pixel" => outSize > 1 ? ((o + 0.5) / scale) - 0.5 : 0,
        "align_corners" => outSize == 1 ? 0 : o * (inSize - 1.0) / (outSize - 1.0),
        "asymmetric" => o / scale,
        "tf_half_pixel_for_nn" => (o + 0.5) / scale,
        "tf_crop_and_resize" => outSize > 1
            ? (roiStart * (inSize - 1)) + (o * (roiEnd - roiStart) * (inSize - 1) / (outSize - 1))
            : 0.5 * (roiStart + roiEnd) * (inSize - 1),
        _ => throw new NotSupportedException($"coordinate_transformation_mode '{transform}'"),
    };

    private static Tensor Nearest(Tensor x, int axis, double[] source, long inSize, string mode, bool legacy)
    {
        var index = source.Select(s => Math.Clamp(legacy ? (long)Math.Floor(s) : Round(s, mode), 0, inSize - 1)).ToArray();
        return x.index_select(axis, torch.tensor(index, ScalarType.Int64, x.device));
    }

    private static long Round(double s, string mode) => mode switch
    {
        "round_prefer_floor" => s - Math.Floor(s) == 0.5 ? (long)Math.Floor(s) : (long)Math.Round(s, MidpointRounding.AwayFromZero),
        "round_prefer_ceil" => s - Math.Floor(s) == 0.5 ? (long)Math.Ceiling(s) : (long)Math.Round(s, MidpointRounding.AwayFromZero),
        "floor" => (long)Math.Floor(s),
        "ceil" => (long)Math.Ceiling(s),
        _ => throw new NotSupportedException($"nearest_mode '{mode}'"),
    };

    // Neighbours beyond the edge repeat the edge value, as ONNX's reference does.
    private static Tensor Linear(Tensor x, int axis, double[] source, long inSize)
    {
        var low = source.Select(s => (long)Math.Floor(s)).ToArray();
        var weights = source.Select((s, i) => s - low[i]).ToArray();
        var lo = torch.tensor(low.Select(i => Math.Clamp(i, 0, inSize - 1)).ToArray(), ScalarType.Int64, x.device);
        var hi = torch.tensor(low.Select(i => Math.Clamp(i + 1, 0, inSize - 1)).ToArray(), ScalarType.Int64, x.device);
        var shape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
        shape[axis] = source.Length;
        var w = torch.tensor(weights, ScalarType.Float64, x.device).to_type(x.dtype).reshape(shape);
        return (x.index_select(axis, lo) * (1 - w)) + (x.index_select(axis, hi) * w);
    }

    private static Tensor Extrapolate(Tensor y, int axis, double[] source, long inSize, double value)
    {
        var shape = Enumerable.Repeat(1L, (int)y.dim()).ToArray();
        shape[axis] = source.Length;
        var outside = torch.tensor(source.Select(s => s < 0 || s > inSize - 1).ToArray(), device: y.device).reshape(shape);
        return torch.where(outside, torch.full([1], value, y.dtype, y.device), y);
    }
}
