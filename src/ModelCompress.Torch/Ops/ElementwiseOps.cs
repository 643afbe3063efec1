namespace ModelCompress.Torch.Ops;

/// <summary>Broadcasting arithmetic, unary math, variadic Max/Min/Sum/Mean and Clip.</summary>
internal static class ElementwiseOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Simple("Add", 1, x => x[0]! + x[1]!);
        r.Simple("Sub", 1, x => x[0]! - x[1]!);
        r.Simple("Mul", 1, x => x[0]! * x[1]!);
        r.Simple("Div", 1, x => Div(x[0]!, x[1]!));
        r.Simple("Pow", 1, x => Pow(x[0]!, x[1]!), 1);
        r.Simple("Sqrt", 1, x => x[0]!.sqrt());
        r.Simple("Reciprocal", 1, x => x[0]!.reciprocal());
        r.Simple("Neg", 1, x => x[0]!.neg());
        r.Simple("Exp", 1, x => x[0]!.exp());
        r.Simple("Log", 1, x => x[0]!.log());
        r.Simple("Abs", 1, x => x[0]!.abs());
        r.Simple("Max", 1, x => Fold(x, (a, b) => a.maximum(b)));
        r.Simple("Min", 1, x => Fold(x, (a, b) => a.minimum(b)));
        r.Simple("Sum", 1, x => Fold(x, (a, b) => a + b));
        r.Simple("Mean", 1, x => Fold(x, (a, b) => a + b) / x.Length);
        r.Add("Clip", 1, n => ActivationOps.Unary(x => x.clamp(n.Float("min", float.MinValue), n.Float("max", float.MaxValue))));
        r.Simple("Clip", 11, x => Clip(x[0]!, x.Length > 1 ? x[1] : null, x.Length > 2 ? x[2] : null), 1, 2);
    }

    // ONNX integer division truncates; torch's true division would turn ints into floats.
    private static Tensor Div(Tensor a, Tensor b) =>
        TensorValues.IsFloating(a) ? a / b : a.div(b, RoundingMode.trunc);

    // The result keeps the base's type (Pow(int, float) is int in ONNX, float in torch).
    private static Tensor Pow(Tensor a, Tensor b)
    {
        if (TensorValues.IsFloating(a))
        {
            return b.numel() == 1 && !b.requires_grad ? a.pow(TensorValues.Scalar(b)) : a.pow(b.to_type(a.dtype));
        }

        return a.to_type(ScalarType.Float64).pow(b.to_type(ScalarType.Float64)).to_type(a.dtype);
    }

    private static Tensor Clip(Tensor x, Tensor? min, Tensor? max)
    {
        if (min is null && max is null)
        {
            return x.alias();
        }

        return x.clamp(min?.to_type(x.dtype), max?.to_type(x.dtype));
    }

    private static Tensor Fold(Tensor?[] inputs, Func<Tensor, Tensor, Tensor> combine)
    {
        var result = inputs[0]!.alias();
        for (var i = 1; i < inputs.Length; i++)
        {
            result = combine(result, inputs[i]!);
        }

        return result;
    }
}
