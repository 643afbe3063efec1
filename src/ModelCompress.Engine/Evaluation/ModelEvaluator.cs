using ModelCompress.Engine.Data;

namespace ModelCompress.Engine.Evaluation;

/// <summary>Measures a model with ONNX Runtime: accuracy or agreement, output deviation, latency, size.</summary>
public static class ModelEvaluator
{
    /// <summary>Evaluates <paramref name="model"/> on <paramref name="data"/> (or on generated inputs when null).</summary>
    public static EvaluationResult Evaluate(byte[] model, EvalDataset? data, EvaluationOptions options, ReferenceOutputs? reference) =>
        throw new NotSupportedException("Being written (wt/data2).");
}
