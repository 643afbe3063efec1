namespace ModelCompress.Torch.Ops;

/// <summary>Reading small settings tensors (shapes, axes, scales) into .NET arrays, and axis arithmetic.</summary>
internal static class TensorValues
{
    /// <summary>The values of an integer (or float) tensor as longs, on the CPU, in row-major order.</summary>
    public static long[] Longs(Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        using var flat = tensor.detach().reshape(-1).to_type(ScalarType.Int64).cpu();
        return flat.data<long>().ToArray();
    }

    /// <summary>The values of a tensor as doubles, on the CPU.</summary>
    public static double[] Doubles(Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        using var flat = tensor.detach().reshape(-1).to_type(ScalarType.Float64).cpu();
        return flat.data<double>().ToArray();
    }

    /// <summary>The single value of a scalar (or one-element) tensor.</summary>
    public static double Scalar(Tensor tensor) => Doubles(tensor)[0];

    /// <summary>A negative axis counted from the end, as ONNX allows.</summary>
    public static long Axis(long axis, long rank) => axis < 0 ? axis + rank : axis;

    public static long[] Axes(IEnumerable<long> axes, long rank) => axes.Select(a => Axis(a, rank)).ToArray();

    /// <summary>A new int64 CPU tensor of the given values (how shape values travel between nodes).</summary>
    public static Tensor ShapeTensor(long[] values) => torch.tensor(values, ScalarType.Int64);

    public static bool IsFloating(Tensor tensor) => tensor.dtype is ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16;
}
