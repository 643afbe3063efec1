namespace ModelCompress.Engine.Steps.Quantize.WeightOnly;

/// <summary>A weight in MatMulNBits' layout: codes [N, n_blocks, blob_size], scales [N × n_blocks], optional packed zero points.</summary>
internal sealed record PackedWeight(int N, int K, int Bits, int BlockSize, byte[] Codes, float[] Scales, byte[]? ZeroPoints)
{
    public int Blocks => (K + BlockSize - 1) / BlockSize;

    public int BlobSize => BlockSize * Bits / 8;

    /// <summary>Bytes stored for this weight (codes, scales, zero points).</summary>
    public long Bytes => Codes.LongLength + (Scales.LongLength * sizeof(float)) + (ZeroPoints?.LongLength ?? 0);
}
