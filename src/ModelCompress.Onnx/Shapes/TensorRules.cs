namespace ModelCompress.Onnx.Shapes;

/// <summary>Ops that move or reinterpret data: Flatten, Reshape, Transpose, Concat, (Un)Squeeze, Shape, Constant, Cast.</summary>
internal static class TensorRules
{
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["Flatten"] = Flatten;
        rules["Reshape"] = Reshape;
        rules["Transpose"] = Transpose;
        rules["Concat"] = Concat;
        rules["Unsqueeze"] = Unsqueeze;
        rules["Squeeze"] = Squeeze;
        rules["Shape"] = (c, n) => c.Dims(n, 0) is { } d ? [OnnxTensorType.Of(OnnxDataType.Int64, d.Count)] : null;
        rules["Cast"] = (c, n) => [new OnnxTensorType((OnnxDataType)n.GetInt("to"), c.Dims(n, 0))];
        rules["Constant"] = Constant;
    }

    private static OnnxTensorType?[]? Flatten(ShapeContext c, OnnxNode n)
    {
        var input = c.Input(n, 0);
        if (input?.Dims is not { } x)
        {
            return null;
        }

        var axis = Dims.Axis(n.GetInt("axis", 1), x.Count);
        return [new OnnxTensorType(input.ElementType, [Dims.Product(x.Take(axis)), Dims.Product(x.Skip(axis))])];
    }

    private static OnnxTensorType?[]? Reshape(ShapeContext c, OnnxNode n)
    {
        var input = c.Input(n, 0);
        // The target may be computed from Shape (a dynamic batch): its entries are then dims, symbols included.
        var shape = c.Opset >= 5 ? c.ValueOf(n, 1) : n.GetInts("shape")?.Select(OnnxDim.Of).ToArray();
        if (input is null || shape is null)
        {
            return input is null ? null : [new OnnxTensorType(input.ElementType, null)];
        }

        var allowZero = n.GetInt("allowzero") != 0;
        var dims = new OnnxDim[shape.Length];
        var inferred = -1;
        for (var i = 0; i < shape.Length; i++)
        {
            dims[i] = shape[i].Value switch
            {
                0 when !allowZero => input.Dims is { } x && i < x.Count ? x[i] : OnnxDim.Unknown,
                -1 => OnnxDim.Unknown,
                _ => shape[i],
            };
            inferred = shape[i].Value == -1 ? i : inferred;
        }

        if (inferred >= 0 && input.Dims is { } inputDims)
        {
            dims[inferred] = Remaining(inputDims, dims.Where((_, i) => i != inferred).ToArray());
        }

        return [new OnnxTensorType(input.ElementType, dims)];
    }

    // The -1 of a Reshape: input product divided by the other output dims; symbols that appear on both sides cancel.
    private static OnnxDim Remaining(IReadOnlyList<OnnxDim> input, IReadOnlyList<OnnxDim> others)
    {
        var symbols = input.Where(d => !d.IsKnown).ToList();
        long known = input.Where(d => d.IsKnown).Aggregate(1L, (p, d) => checked(p * d.Value!.Value));
        long divisor = 1;
        foreach (var d in others)
        {
            if (d.Value is { } v)
            {
                divisor = checked(divisor * v);
            }
            else if (d.Symbol is null || !symbols.Remove(d))
            {
                return OnnxDim.Unknown;
            }
        }

        if (divisor == 0 || known % divisor != 0)
        {
            return OnnxDim.Unknown;
        }

        var quotient = known / divisor;
        return symbols.Count switch
        {
            0 => OnnxDim.Of(quotient),
            1 when quotient == 1 => symbols[0],
            _ => OnnxDim.Unknown,
        };
    }

    private static OnnxTensorType?[]? Transpose(ShapeContext c, OnnxNode n)
    {
        var input = c.Input(n, 0);
        if (input?.Dims is not { } x)
        {
            return null;
        }

        var perm = n.GetInts("perm") ?? Enumerable.Range(0, x.Count).Reverse().Select(i => (long)i).ToArray();
        return [new OnnxTensorType(input.ElementType, perm.Select(p => x[(int)p]).ToArray())];
    }

    private static OnnxTensorType?[]? Concat(ShapeContext c, OnnxNode n)
    {
        var first = c.Input(n, 0);
        if (first?.Dims is not { } x)
        {
            return null;
        }

        var axis = Dims.Axis(n.GetInt("axis"), x.Count);
        var parts = Enumerable.Range(0, n.Inputs.Count).Select(i => c.Dims(n, i)).ToArray();
        if (parts.Any(p => p is null || p.Count != x.Count))
        {
            return [new OnnxTensorType(first.ElementType, null)];
        }

        ConstantConcat.Record(c, n);
        var dims = x.ToArray();
        var along = parts.Select(p => p![axis]).ToArray();
        dims[axis] = along.All(d => d.IsKnown) ? OnnxDim.Of(along.Sum(d => d.Value!.Value)) : OnnxDim.Unknown;
        return [new OnnxTensorType(first.ElementType, dims)];
    }

    private static OnnxTensorType?[]? Unsqueeze(ShapeContext c, OnnxNode n)
    {
        var input = c.Input(n, 0);
        var axes = c.Opset >= 13 ? c.ConstantInts(n, 1) : n.GetInts("axes")?.ToArray();
        if (input?.Dims is not { } x || axes is null)
        {
            return null;
        }

        var rank = x.Count + axes.Length;
        var inserted = axes.Select(a => Dims.Axis(a, rank)).ToHashSet();
        var dims = new OnnxDim[rank];
        for (int i = 0, j = 0; i < rank; i++)
        {
            dims[i] = inserted.Contains(i) ? OnnxDim.Of(1) : x[j++];
        }

        return [new OnnxTensorType(input.ElementType, dims)];
    }

    private static OnnxTensorType?[]? Squeeze(ShapeContext c, OnnxNode n)
    {
        var input = c.Input(n, 0);
        var axes = c.Opset >= 13 ? c.ConstantInts(n, 1) : n.GetInts("axes")?.ToArray();
        if (input?.Dims is not { } x)
        {
            return null;
        }

        if (axes is null && x.Any(d => !d.IsKnown))
        {
            return [new OnnxTensorType(input.ElementType, null)];
        }

        var removed = axes?.Select(a => Dims.Axis(a, x.Count)).ToHashSet()
            ?? Enumerable.Range(0, x.Count).Where(i => x[i].Value == 1).ToHashSet();
        return [new OnnxTensorType(input.ElementType, x.Where((_, i) => !removed.Contains(i)).ToArray())];
    }

    private static OnnxTensorType?[]? Constant(ShapeContext c, OnnxNode n)
    {
        if (n.GetTensor("value") is not { } value)
        {
            return null;
        }

        c.AddConstant(n.Output(0), value);
        return [new OnnxTensorType(value.DataType, value.Dims.Select(OnnxDim.Of).ToArray())];
    }
}
