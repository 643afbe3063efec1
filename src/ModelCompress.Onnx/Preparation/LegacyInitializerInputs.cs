namespace ModelCompress.Onnx.Preparation;

/// <summary>Before IR version 4 every initializer had to be listed as a graph input too; this adds the missing entries.</summary>
public static class LegacyInitializerInputs
{
    /// <summary>Lists each unlisted initializer as a graph input when the model's IR version is below 4; returns how many.</summary>
    public static int Declare(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Proto.IrVersion >= 4)
        {
            return 0;
        }

        var proto = model.Graph.Proto;
        var listed = proto.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var tensor in proto.Initializer.Where(t => !listed.Contains(t.Name)))
        {
            var type = new OnnxTensorType((OnnxDataType)tensor.DataType, tensor.Dims.Select(OnnxDim.Of).ToArray());
            proto.Input.Add(new Proto.ValueInfoProto { Name = tensor.Name, Type = type.ToProto() });
            added++;
        }

        model.Graph.Invalidate();
        return added;
    }
}
