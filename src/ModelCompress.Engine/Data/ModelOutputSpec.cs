namespace ModelCompress.Engine.Data;

/// <summary>A model output: name, element type (null when ONNX declares one the data layer does not hold), dims (-1 where symbolic).</summary>
public sealed record ModelOutputSpec(string Name, NdElementType? ElementType, long[] Dims);
