namespace ModelCompress.Engine.Evaluation;

/// <summary>MC4090–MC4099 (evaluation) and MC3020 (ONNX Runtime refused a model).</summary>
public static class EvaluationDiagnostics
{
    // A note, not a warning: 'auto' means "CUDA if there is one", so a CPU-only machine is not doing anything wrong
    // and its builds (perhaps with warnings as errors) must not be broken by it.
    public static Diagnostic ProviderFallback(string provider, string reason) => new("MC4090", DiagnosticSeverity.Info,
        $"Execution provider '{provider}' could not be used ({reason}); the model is evaluated on CPU instead. " +
        "Install the CUDA and cuDNN libraries ONNX Runtime needs, or set evaluation provider: cpu to silence this.", null, null);

    public static Diagnostic AccuracyNotMeasured() => Diagnostic.Warning("MC4091",
        "No data is declared, so accuracy was not measured; latency and output deviation use generated inputs. " +
        "Add a 'data' section with inputs (and labels) to measure accuracy.");

    public static Diagnostic CudaUnavailable(string reason) => Diagnostic.Error("MC4092",
        $"Evaluation provider 'cuda' was requested but CUDA cannot be used ({reason}). Install CUDA and cuDNN for ONNX Runtime, or use provider auto or cpu.");

    public static Diagnostic UnknownProvider(string provider) => Diagnostic.Error("MC4093",
        $"Evaluation provider '{provider}' is not known. Use auto, cpu or cuda.");

    public static Diagnostic RunFailed(string model, string detail) => Diagnostic.Error("MC4094",
        $"ONNX Runtime failed while running model '{model}': {detail}. Check that the data matches the model's inputs.", file: model);

    public static Diagnostic InputMissing(string model, string input) => Diagnostic.Error("MC4095",
        $"Model '{model}' needs input '{input}', which the data does not provide. Bind an array to '{input}' in the data section.", file: model);

    public static Diagnostic ModelRefused(string model, string detail) => Diagnostic.Error("MC3020",
        $"ONNX Runtime cannot load model '{model}': {detail}. Check the opset and operators against ONNX Runtime's support, or re-export the model.", file: model);
}
