namespace ModelCompress.Torch.Training;

/// <summary>
/// A module to train or to learn from, and the output its loss reads. An <see cref="OnnxModule"/> can also hand
/// out named intermediate tensors (for feature distillation); a plain TorchSharp module only its outputs.
/// </summary>
public sealed class TrainableModel
{
    /// <summary>Wraps <paramref name="module"/>; <paramref name="outputName"/> is the output that losses and accuracy read.</summary>
    public TrainableModel(GraphModule module, string outputName)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(outputName);
        Module = module;
        OutputName = outputName;
    }

    /// <summary>The module.</summary>
    public GraphModule Module { get; }

    /// <summary>The output losses and accuracy read (logits for a classifier).</summary>
    public string OutputName { get; }

    /// <summary>An ONNX module and its first graph output.</summary>
    public static TrainableModel Of(OnnxModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return new TrainableModel(module, module.OutputNames[0]);
    }

    /// <summary>Outputs (and the requested intermediate tensors) for <paramref name="inputs"/>, in the caller's scope.</summary>
    public IReadOnlyDictionary<string, Tensor> Forward(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string> intermediates)
    {
        ArgumentNullException.ThrowIfNull(intermediates);
        if (intermediates.Count == 0)
        {
            return Module.forward(inputs);
        }

        return Module is OnnxModule onnx
            ? onnx.Run(inputs, intermediates)
            : throw new NotSupportedException("Intermediate tensors need an OnnxModule.");
    }

    /// <summary>The parameters that train (requires_grad), in registration order.</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> TrainableParameters() => Module.parameters().Where(p => p.requires_grad).ToList();
}
