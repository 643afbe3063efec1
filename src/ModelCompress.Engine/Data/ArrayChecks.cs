namespace ModelCompress.Engine.Data;

/// <summary>Checks one array against the model input it feeds and converts it to that input's type and shape.</summary>
internal static class ArrayChecks
{
    /// <summary>The array ready to feed <paramref name="input"/>, or null after adding the problems to <paramref name="bag"/>.</summary>
    public static NdArray? ForInput(ArraySource source, string arrayName, ModelInputSpec input, DiagnosticBag bag)
    {
        var array = TryRead(source, arrayName, bag);
        if (array is null)
        {
            return null;
        }

        if (source.IsTabular && Reshape(array, input) is { } reshaped)
        {
            array = reshaped;
        }

        var ok = true;
        if (!Convertible(array.ElementType, input.ElementType))
        {
            bag.Add(DataDiagnostics.TypeNotConvertible(source.File, arrayName, array.ElementType, input.Name, input.ElementType));
            ok = false;
        }

        if (!ShapeFits(array.Shape, input.Dims))
        {
            bag.Add(DataDiagnostics.ShapeMismatch(source.File, arrayName, array.Shape, input.Name, input.Dims));
            ok = false;
        }

        if (array.Shape.Length > 0 && array.Shape[0] == 0)
        {
            bag.Add(DataDiagnostics.Empty(source.File, arrayName));
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        var converted = array.ConvertTo(input.ElementType);
        if ((FirstNotFinite(array) ?? FirstNotFinite(converted)) is { } bad)
        {
            var (index, value) = bad;
            bag.Add(DataDiagnostics.NotFinite(source.File, arrayName, value, IndexText(index, array.Shape)));
            return null;
        }

        return converted;
    }

    /// <summary>Labels as int64 [rows], or null after adding the problems to <paramref name="bag"/>.</summary>
    public static long[]? Labels(ArraySource source, string arrayName, DiagnosticBag bag)
    {
        var array = TryRead(source, arrayName, bag);
        if (array is null)
        {
            return null;
        }

        if (array.Shape.Length is < 1 or > 2 || (array.Shape.Length == 2 && array.Shape[1] != 1))
        {
            bag.Add(DataDiagnostics.LabelsShape(source.File, arrayName, array.Shape));
            return null;
        }

        // CSV cells are parsed as numbers; whole numbers there are integer labels. In binary files the dtype decides.
        if (!array.ElementType.IsInteger() && !(source.IsTabular && AllWhole(array)))
        {
            bag.Add(DataDiagnostics.LabelsNotInteger(source.File, arrayName, $"dtype {array.ElementType.DisplayName()}"));
            return null;
        }

        var labels = array.ToInt64();
        var negative = Array.FindIndex(labels, l => l < 0);
        if (negative >= 0)
        {
            bag.Add(DataDiagnostics.LabelsNotInteger(source.File, arrayName, $"negative value {labels[negative]} at row {negative}"));
            return null;
        }

        return labels;
    }

    private static NdArray? TryRead(ArraySource source, string name, DiagnosticBag bag)
    {
        try
        {
            return source.Read(name);
        }
        catch (CompressionException e)
        {
            bag.AddRange(e.Diagnostics);
            return null;
        }
    }

    // A CSV selection [rows, k] takes the model input's shape without the batch dim when the counts agree.
    private static NdArray? Reshape(NdArray array, ModelInputSpec input)
    {
        if (input.Dims.Length == 0 || input.Dims.Skip(1).Any(d => d < 0))
        {
            return null;
        }

        long[] shape = [array.Shape[0], .. input.Dims.Skip(1)];
        return NdArray.ElementCount(shape) == array.Data.LongLength ? array.Reshape(shape) : null;
    }

    private static bool Convertible(NdElementType from, NdElementType to) =>
        from == to || to.IsFloat() || (to.IsInteger() && (from.IsInteger() || from == NdElementType.Bool));

    private static bool ShapeFits(long[] shape, long[] dims)
    {
        if (dims.Length == 0)
        {
            return true; // rank unknown: ONNX Runtime is the judge
        }

        return shape.Length == dims.Length && dims.Skip(1).Zip(shape.Skip(1)).All(p => p.First < 0 || p.First == p.Second);
    }

    private static (long Index, string Value)? FirstNotFinite(NdArray array)
    {
        switch (array.Data)
        {
            case float[] f:
                var i = Array.FindIndex(f, v => !float.IsFinite(v));
                return i < 0 ? null : (i, Describe(f[i]));
            case double[] d:
                var j = Array.FindIndex(d, v => !double.IsFinite(v));
                return j < 0 ? null : (j, Describe(d[j]));
            case Half[] h:
                var k = Array.FindIndex(h, v => !Half.IsFinite(v));
                return k < 0 ? null : (k, Describe((double)h[k]));
            default:
                return null;
        }
    }

    private static string Describe(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";

    private static bool AllWhole(NdArray array) =>
        NdConvert.ToFloat64(array.Data).All(v => Math.Floor(v) == v && Math.Abs(v) < 9.2e18);

    private static string IndexText(long flat, long[] shape)
    {
        var index = new long[shape.Length];
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }

        return "[" + string.Join(",", index.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";
    }
}
