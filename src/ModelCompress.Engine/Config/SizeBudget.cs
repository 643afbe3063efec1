namespace ModelCompress.Engine.Config;

/// <summary>How large the compressed ONNX file may be; exactly one of the two limits is set.</summary>
/// <param name="MaxKb">Largest allowed size in KiB (1024 bytes).</param>
/// <param name="MaxRatio">Largest allowed ratio to the original file's size.</param>
/// <param name="Position">The <c>size:</c> key.</param>
/// <param name="LimitPosition">The key of the limit that is set.</param>
public sealed record SizeBudget(double? MaxKb, double? MaxRatio, SourcePosition Position, SourcePosition LimitPosition)
{
    internal static SizeBudget? Read(MappingReader map) =>
        BudgetLimits.One(map, "size budget", "max_kb", "max_ratio", NumberRange.Above(0), NumberRange.Above(0)) is (var first, var second, var at)
            ? new SizeBudget(first, second, map.Owner, at)
            : null;
}
