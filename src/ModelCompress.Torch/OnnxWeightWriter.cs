using ModelCompress.Onnx.Proto;

namespace ModelCompress.Torch;

/// <summary>Writes a module's trained values back into the ONNX model it was built from.</summary>
public static class OnnxWeightWriter
{
    /// <summary>
    /// A copy of <paramref name="original"/> whose FLOAT initializers hold the module's current values (parameters
    /// and float buffers such as BatchNormalization running statistics), under the same names, shapes and storage
    /// form. Everything else is copied untouched, so an unchanged module gives byte-identical output.
    /// </summary>
    public static ModelProto WriteBack(ModelProto original, OnnxModule module)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(module);
        var copy = original.Clone();
        foreach (var initializer in copy.Graph.Initializer)
        {
            if (initializer.DataType != (int)TensorProto.Types.DataType.Float
                || !(module.ParameterNames.ContainsKey(initializer.Name) || module.BufferNames.ContainsKey(initializer.Name)))
            {
                continue;
            }

            using var scope = torch.NewDisposeScope();
            var value = module.Initializer(initializer.Name).detach().cpu().contiguous();
            if (!value.shape.SequenceEqual(initializer.Dims) || value.dtype != ScalarType.Float32)
            {
                throw new CompressionException(Diagnostic.Error(
                    TorchDiagnostics.WriteBackShapeCode,
                    $"Initializer '{initializer.Name}' changed from float32 [{string.Join(",", initializer.Dims)}] to {value.dtype} [{string.Join(",", value.shape)}] during training; write-back keeps shapes. Reshape it in a graph step instead."));
            }

            TensorProtoConverter.SetFloatData(initializer, value.data<float>().ToArray());
        }

        return copy;
    }
}
