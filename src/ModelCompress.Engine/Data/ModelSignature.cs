namespace ModelCompress.Engine.Data;

/// <summary>The inputs a model must be fed and the outputs it gives, read from the ONNX graph (no runtime session).</summary>
public sealed record ModelSignature(IReadOnlyList<ModelInputSpec> Inputs, IReadOnlyList<ModelOutputSpec> Outputs)
{
    /// <summary>Reads the data inputs (initializers excluded) and outputs of <paramref name="model"/>.</summary>
    /// <exception cref="CompressionException">MC3021 when an input has a type the data layer cannot feed.</exception>
    public static ModelSignature FromOnnx(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var inputs = model.Graph.DataInputs.Select(ToInput).ToArray();
        var outputs = model.Graph.Outputs
            .Select(o => new ModelOutputSpec(o.Name, o.Type is { } t ? NdElementTypes.FromOnnx(t.ElementType) : null, DimsOf(o)))
            .ToArray();
        return new ModelSignature(inputs, outputs);
    }

    /// <summary>The input called <paramref name="name"/>, or null.</summary>
    public ModelInputSpec? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);

    private static ModelInputSpec ToInput(OnnxValueInfo info)
    {
        var onnxType = info.Type?.ElementType ?? OnnxDataType.Undefined;
        var type = NdElementTypes.FromOnnx(onnxType)
            ?? throw new CompressionException(DataDiagnostics.UnsupportedInputType(info.Name, onnxType.ToString()));
        return new ModelInputSpec(info.Name, type, DimsOf(info));
    }

    private static long[] DimsOf(OnnxValueInfo info) =>
        info.Type?.Dims is { } dims ? dims.Select(d => d.Value ?? -1).ToArray() : [];
}
