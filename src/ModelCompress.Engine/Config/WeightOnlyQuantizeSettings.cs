namespace ModelCompress.Engine.Config;

/// <summary>
/// Settings of <c>quantize: { mode: weight_only }</c>: constant MatMul/Gemm weights stored in 4 or 8 bits per block
/// (ONNX Runtime's com.microsoft.MatMulNBits), activations left in float.
/// </summary>
/// <param name="Bits">Bits per weight: 4 or 8.</param>
/// <param name="BlockSize">Weights along K sharing one scale: a power of two, at least 16 (default 32).</param>
/// <param name="Symmetric">No zero points (default true); false stores a zero point per block.</param>
/// <param name="AccuracyLevel">MatMulNBits' accuracy_level: 0 unset, 1 fp32, 2 fp16, 3 bf16, 4 int8 compute (default 4).</param>
/// <param name="Include">Only these nodes are quantized (empty: every MatMul/Gemm with a constant 2-D weight).</param>
/// <param name="Exclude">These nodes stay in float.</param>
public sealed record WeightOnlyQuantizeSettings(
    int Bits, int BlockSize, bool Symmetric, int AccuracyLevel, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
    : IStepSettings
{
    /// <summary>The keys only this mode reads (other modes refuse them).</summary>
    public static IReadOnlyList<string> OwnKeys { get; } = ["bits", "block_size", "symmetric", "accuracy_level"];

    /// <summary>Bit widths MatMulNBits runs on ONNX Runtime's CPU provider.</summary>
    public static IReadOnlyList<int> AllowedBits { get; } = [4, 8];

    /// <summary>The smallest block MatMulNBits accepts.</summary>
    public const int MinBlockSize = 16;

    /// <summary>Default bits.</summary>
    public const int DefaultBits = 4;

    /// <summary>Default block size.</summary>
    public const int DefaultBlockSize = 32;

    /// <summary>
    /// Default accuracy_level: 4 (int8 compute). On ONNX Runtime 1.31's CPU provider level 0 runs 8-bit weights
    /// through a slow path (slower than float32 itself: 77 ms vs 2.3 ms on a 1024×4096 block) and 4-bit ones at a
    /// third of level 4's speed; the int8 activations cost little accuracy (measured in the README).
    /// </summary>
    public const int DefaultAccuracyLevel = 4;

    /// <inheritdoc />
    public string Kind => "quantize";

    /// <inheritdoc />
    public string CanonicalForm => new CanonicalText(Kind).Add("mode", QuantizeMode.WeightOnly).Add("bits", Bits).Add("block_size", BlockSize)
        .Add("symmetric", Symmetric).Add("accuracy_level", AccuracyLevel).AddSet("include", Include).AddSet("exclude", Exclude).ToString();

    internal static WeightOnlyQuantizeSettings? Read(MappingReader map)
    {
        var reported = map.Context.Bag.Items.Count;
        map.Forbid("mode is weight_only", "Remove it: weight_only rewrites every MatMul/Gemm with a constant weight; narrow it with 'include' or 'exclude'.",
            [.. Fp16QuantizeSettings.OwnKeys, "per_channel", "ops"]);
        var bits = map.Integer("bits", NumberRange.AtLeast(1)) ?? DefaultBits;
        if (!AllowedBits.Contains(bits))
        {
            map.Context.Report(LowBitConfigDiagnostics.UnsupportedBits(map.Value("bits")!.Position, bits));
        }

        var blockSize = map.Integer("block_size", NumberRange.AtLeast(1)) ?? DefaultBlockSize;
        if (blockSize < MinBlockSize || (blockSize & (blockSize - 1)) != 0)
        {
            map.Context.Report(LowBitConfigDiagnostics.BadBlockSize(map.Value("block_size")!.Position, blockSize));
        }

        var level = map.Integer("accuracy_level", NumberRange.Between(0, 4)) ?? DefaultAccuracyLevel;
        var settings = new WeightOnlyQuantizeSettings(bits, blockSize, map.Bool("symmetric") ?? true, level,
            map.Names("include") ?? [], map.Names("exclude") ?? []);
        return map.Context.Bag.Items.Count > reported ? null : settings;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"weight_only int{Bits} block {BlockSize}");
}
