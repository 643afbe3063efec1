namespace ModelCompress.Engine.Steps.Quantize.WeightOnly;

/// <summary>How weights are stored by the weight-only quantizer.</summary>
/// <param name="Bits">4 or 8.</param>
/// <param name="BlockSize">A power of two, at least 16.</param>
/// <param name="Symmetric">No zero points when true.</param>
/// <param name="AccuracyLevel">MatMulNBits' accuracy_level (0–4).</param>
/// <param name="Include">Only these nodes (empty: all candidates).</param>
/// <param name="Exclude">Nodes left in float.</param>
public sealed record WeightOnlyOptions(int Bits, int BlockSize, bool Symmetric, int AccuracyLevel, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
{
    internal void Validate()
    {
        if (Bits is not (4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(Bits), Bits, "Bits must be 4 or 8.");
        }

        if (BlockSize < 16 || (BlockSize & (BlockSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BlockSize), BlockSize, "Block size must be a power of two of at least 16.");
        }
    }
}
