namespace ModelCompress.Engine.Config;

/// <summary>How much accuracy compression may cost; exactly one of the two limits is set.</summary>
/// <param name="Metric">What is measured (default top1).</param>
/// <param name="MaxDrop">Largest allowed absolute drop, e.g. 0.01 = one point.</param>
/// <param name="MaxRelativeDrop">Largest allowed drop as a fraction of the original's accuracy.</param>
/// <param name="Position">The <c>accuracy:</c> key.</param>
/// <param name="LimitPosition">The key of the limit that is set.</param>
public sealed record AccuracyBudget(
    AccuracyMetric Metric, double? MaxDrop, double? MaxRelativeDrop, SourcePosition Position, SourcePosition LimitPosition)
{
    /// <summary>Stable text of the budget; enters the cache key of training steps that stop early on it.</summary>
    public string CanonicalForm
    {
        get
        {
            var text = new CanonicalText("accuracy").Add("metric", Metric);
            return (MaxDrop is { } drop ? text.Add("max_drop", drop) : text.Add("max_relative_drop", MaxRelativeDrop ?? 0)).ToString();
        }
    }

    internal static AccuracyBudget? Read(MappingReader map)
    {
        var metric = map.Has("metric") ? map.Choice<AccuracyMetric>("metric") : AccuracyMetric.Top1;
        var limit = BudgetLimits.One(map, "accuracy budget", "max_drop", "max_relative_drop", NumberRange.Between(0, 1), NumberRange.Between(0, 1));
        return metric is { } m && limit is (var first, var second, var at) ? new AccuracyBudget(m, first, second, map.Owner, at) : null;
    }
}
