namespace ModelCompress.Engine.Steps.Graph;

/// <summary>The diagnostics of raising a model's opset for a step (MC3170–MC3179).</summary>
public static class OpsetUpgradeDiagnostics
{
    /// <summary>MC3170: the step needs a newer opset and a node keeps the model from being raised to it.</summary>
    public static Diagnostic NotRaised(long opset, long needed, string blocker) => Diagnostic.Error("MC3170",
        $"This step needs opset {needed} and the model imports opset {opset}, which cannot be raised: {blocker}. " +
        $"Re-export the model with opset {needed} or later (13 or later for per-channel int8 weights).");
}
