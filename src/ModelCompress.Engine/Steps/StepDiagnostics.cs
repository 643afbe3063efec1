namespace ModelCompress.Engine.Steps;

/// <summary>MC3050–MC3099: steps that cannot run on the model they were given.</summary>
public static class StepDiagnostics
{
    public static Diagnostic NoRunner(string runnerKey, SourcePosition position, IEnumerable<string> available) => Diagnostic.Error(
        "MC3050",
        $"No step implementation '{runnerKey}' is available in this engine (available: {string.Join(", ", available.Order(StringComparer.Ordinal))}). "
        + "Use one of those, or run the full modelcompress tool, which includes the training steps.",
        position);

    public static Diagnostic StepFailed(string kind, string reason, SourcePosition position) => Diagnostic.Error(
        "MC3055",
        $"The {kind} step cannot run on this model: {reason}",
        position);

    public static Diagnostic OutputRejected(string kind, string reason, SourcePosition position) => Diagnostic.Error(
        "MC3054",
        $"The {kind} step produced a model that ONNX Runtime rejects ({reason}). This is a bug in the step: please report it with the model.",
        position);
}
