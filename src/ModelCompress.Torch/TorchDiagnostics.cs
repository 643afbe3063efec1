namespace ModelCompress.Torch;

/// <summary>
/// The Torch bridge's diagnostics (MC3101–MC3189). MC3190–MC3199 belong to the build-time libtorch
/// compatibility step (src/ModelCompress.Build.Tasks/LibTorchCompat), which cannot reference this assembly.
/// </summary>
public static class TorchDiagnostics
{
    /// <summary>MC3101: an operator the Torch bridge has no kernel for.</summary>
    public static Diagnostic UnsupportedOperator(string opType, string domain, string nodeName, long opset) =>
        Diagnostic.Error(
            "MC3101",
            $"Operator '{Qualified(domain, opType)}' (node '{nodeName}', opset {opset}) is not supported for training. Remove the training steps (prune by magnitude or quantize only) or re-export the model without this operator.");

    /// <summary>MC3102: a node whose attribute or input value the bridge cannot honour.</summary>
    public static Diagnostic UnsupportedNodeSetting(string opType, string nodeName, string what) =>
        Diagnostic.Error(
            "MC3102",
            $"Node '{nodeName}' ({opType}): {what} is not supported for training. Re-export the model with a supported setting.");

    /// <summary>MC3103: a node failed while running (a native libtorch error or a shape mismatch).</summary>
    public static Diagnostic NodeFailed(string opType, string nodeName, string error) =>
        Diagnostic.Error(
            "MC3103",
            $"Node '{nodeName}' ({opType}) failed: {OneLine(error)} Check that the data's shape and type match the model's inputs.");

    /// <summary>MC3104: a tensor element type the bridge cannot hold.</summary>
    public static Diagnostic UnsupportedTensorType(string tensorName, string dataType) =>
        Diagnostic.Error(
            "MC3104",
            $"Tensor '{tensorName}' has element type {dataType}, which the Torch bridge cannot represent. Convert it to a numeric type in the model.");

    /// <summary>MC3105: a model input was not supplied.</summary>
    public static Diagnostic MissingInput(string inputName, IEnumerable<string> supplied) =>
        Diagnostic.Error(
            "MC3105",
            $"Model input '{inputName}' was not supplied (got: {string.Join(", ", supplied)}). Bind every model input in the data section.");

    /// <summary>MC3106: a value a node needs is produced nowhere (dangling edge or unsorted graph with a cycle).</summary>
    public static Diagnostic UnknownValue(string valueName, string nodeName) =>
        Diagnostic.Error(
            "MC3106",
            $"Value '{valueName}' used by node '{nodeName}' is produced by no node, input or initializer. Check the model with onnx.checker.");

    /// <summary>MC3107: an initializer whose data is not loaded (external data not resolved).</summary>
    public static Diagnostic ExternalDataNotLoaded(string tensorName) =>
        Diagnostic.Error(
            "MC3107",
            $"Initializer '{tensorName}' keeps its data in an external file that was not loaded. Load the model with OnnxModel.Load so external data is resolved.");

    /// <summary>MC3108: an output or intermediate value that was asked for does not exist in the graph.</summary>
    public static Diagnostic UnknownOutput(string valueName) =>
        Diagnostic.Error(
            "MC3108",
            $"Value '{valueName}' was requested as an output but the graph has no value of that name. Use a node output name from the model.");

    /// <summary>MC3109 (raised by <see cref="OnnxWeightWriter"/>): a trained tensor no longer fits its initializer.</summary>
    public const string WriteBackShapeCode = "MC3109";

    private static string Qualified(string domain, string opType) =>
        string.IsNullOrEmpty(domain) || domain == "ai.onnx" ? opType : domain + "." + opType;

    private static string OneLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
