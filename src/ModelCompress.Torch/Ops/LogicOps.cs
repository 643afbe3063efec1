namespace ModelCompress.Torch.Ops;

/// <summary>Where, Equal and Cast.</summary>
internal static class LogicOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Simple("Where", 9, x => torch.where(x[0]!.to_type(ScalarType.Bool), x[1]!, x[2]!), 0);
        r.Simple("Equal", 1, x => x[0]!.eq(x[1]!));
        r.Add("Cast", 6, n =>
        {
            var to = n.Int("to", 0);
            var type = TensorProtoConverter.ToScalarType(to) ?? throw n.Unsupported($"Cast to ONNX type {to}");
            return ActivationOps.Unary(x => x.to_type(type, copy: true));
        });
    }
}
