namespace ModelCompress.Onnx;

/// <summary>How many nodes use one operator; <see cref="OpType"/> is prefixed by its domain outside the default one.</summary>
public sealed record OpCount(string OpType, int Count);
