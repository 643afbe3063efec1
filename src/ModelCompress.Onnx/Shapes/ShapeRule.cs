namespace ModelCompress.Onnx.Shapes;

/// <summary>Infers a node's output types from its inputs; null (or null entries) where it cannot tell.</summary>
internal delegate OnnxTensorType?[]? ShapeRule(ShapeContext context, OnnxNode node);
