namespace ModelCompress.Engine.Config;

/// <summary>How slow the compressed model may be at one percentile; exactly one of the two limits is set.</summary>
/// <param name="Percentile">50, 90, 95 or 99 (default 95).</param>
/// <param name="MaxMs">Largest allowed latency in milliseconds.</param>
/// <param name="MaxRatio">Largest allowed ratio to the original's latency measured in the same run.</param>
/// <param name="Position">The <c>latency:</c> key.</param>
/// <param name="LimitPosition">The key of the limit that is set.</param>
public sealed record LatencyBudget(
    int Percentile, double? MaxMs, double? MaxRatio, SourcePosition Position, SourcePosition LimitPosition)
{
    /// <summary>The percentiles the evaluator measures.</summary>
    public static IReadOnlyList<int> AllowedPercentiles { get; } = [50, 90, 95, 99];

    internal static LatencyBudget? Read(MappingReader map)
    {
        int? percentile = 95;
        if (map.Value("percentile") is { } node)
        {
            percentile = ScalarValues.Integer(node, "percentile", NumberRange.Between(1, 100), map.Context);
            if (percentile is { } p && !AllowedPercentiles.Contains(p))
            {
                map.Context.Report(ConfigDiagnostics.UnknownValue(
                    node.Position, "percentile", p.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    AllowedPercentiles.Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)), null));
                percentile = null;
            }
        }

        var limit = BudgetLimits.One(map, "latency budget", "max_ms", "max_ratio", NumberRange.Above(0), NumberRange.Above(0));
        return percentile is { } pc && limit is (var first, var second, var at) ? new LatencyBudget(pc, first, second, map.Owner, at) : null;
    }
}
