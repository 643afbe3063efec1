namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>How static quantization treats one family of ONNX ops (registered by op type in <see cref="QuantizeHandlers"/>).</summary>
public interface IQuantizeHandler
{
    /// <summary>The op types this handler answers for (default ONNX domain).</summary>
    IReadOnlyList<string> OpTypes { get; }

    /// <summary>The plan for <paramref name="node"/>, or a float plan that says why it cannot be quantized.</summary>
    NodePlan Plan(Onnx.OnnxNode node, QuantizeContext context);
}
