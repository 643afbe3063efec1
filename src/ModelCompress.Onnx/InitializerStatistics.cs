namespace ModelCompress.Onnx;

/// <summary>Size and sparsity of one initializer.</summary>
/// <param name="Name">Initializer name.</param>
/// <param name="DataType">Element type.</param>
/// <param name="Dims">Dimensions.</param>
/// <param name="Elements">Number of elements.</param>
/// <param name="Zeros">Elements exactly zero.</param>
/// <param name="Bytes">Bytes of data.</param>
/// <param name="IsParameter">True for learned values (float or 8-bit weights, biases, scales); false for shapes, axes, indices.</param>
public sealed record InitializerStatistics(
    string Name,
    OnnxDataType DataType,
    IReadOnlyList<long> Dims,
    long Elements,
    long Zeros,
    long Bytes,
    bool IsParameter)
{
    /// <summary>Fraction of elements that are zero (0 for an empty tensor).</summary>
    public double Sparsity => Elements == 0 ? 0 : (double)Zeros / Elements;
}
