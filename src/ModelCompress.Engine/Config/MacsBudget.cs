namespace ModelCompress.Engine.Config;

/// <summary>How much arithmetic the compressed model may do per sample; exactly one of the two limits is set.</summary>
/// <param name="Max">Largest allowed multiply-accumulates per sample.</param>
/// <param name="MaxRatio">Largest allowed ratio to the original's MACs.</param>
/// <param name="Position">The <c>macs:</c> key.</param>
/// <param name="LimitPosition">The key of the limit that is set.</param>
/// <remarks>
/// MACs count dense arithmetic from tensor shapes, so only structural changes (removed channels, heads, neurons)
/// lower them; zeroed weights and N:M masks do not.
/// </remarks>
public sealed record MacsBudget(double? Max, double? MaxRatio, SourcePosition Position, SourcePosition LimitPosition)
{
    internal static MacsBudget? Read(MappingReader map) =>
        BudgetLimits.One(map, "macs budget", "max", "max_ratio", NumberRange.Above(0), NumberRange.Above(0)) is (var first, var second, var at)
            ? new MacsBudget(first, second, map.Owner, at)
            : null;
}
