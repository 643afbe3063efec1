namespace ModelCompress.Engine.Config;

/// <summary>The <c>budgets:</c> section; each budget is optional.</summary>
public sealed record BudgetsConfig(AccuracyBudget? Accuracy, LatencyBudget? Latency, SizeBudget? Size)
{
    public static IReadOnlyList<string> Keys { get; } = ["accuracy", "latency", "size"];

    public static IReadOnlyList<string> AccuracyKeys { get; } = ["metric", "max_drop", "max_relative_drop"];

    public static IReadOnlyList<string> LatencyKeys { get; } = ["percentile", "max_ms", "max_ratio"];

    public static IReadOnlyList<string> SizeKeys { get; } = ["max_kb", "max_ratio"];

    public static BudgetsConfig None { get; } = new(null, null, null);

    internal static BudgetsConfig Parse(YamlMap? map)
    {
        if (map is null)
        {
            return None;
        }

        AccuracyBudget? accuracy = null;
        if (map.Map("accuracy", "budgets.accuracy", AccuracyKeys) is { } a)
        {
            var metric = a.Word("metric", ConfigWords.Metrics) ?? "top1";
            var drop = a.Double("max_drop", 0, 1);
            var relative = a.Double("max_relative_drop", 0, 1);
            if (a.Has("max_drop") == a.Has("max_relative_drop"))
            {
                map.Bag.Add(ConfigDiagnostics.BudgetLimits(map.KeyPosition("accuracy"), "accuracy", "max_drop", "max_relative_drop"));
            }

            accuracy = new AccuracyBudget(metric, drop, relative, map.KeyPosition("accuracy"));
        }

        LatencyBudget? latency = null;
        if (map.Map("latency", "budgets.latency", LatencyKeys) is { } l)
        {
            var percentile = l.Choice("percentile", ConfigWords.Percentiles) ?? 95;
            var ms = l.Double("max_ms", min: 0, minExclusive: true);
            var ratio = l.Double("max_ratio", min: 0, minExclusive: true);
            if (l.Has("max_ms") == l.Has("max_ratio"))
            {
                map.Bag.Add(ConfigDiagnostics.BudgetLimits(map.KeyPosition("latency"), "latency", "max_ms", "max_ratio"));
            }

            latency = new LatencyBudget(percentile, ms, ratio, map.KeyPosition("latency"));
        }

        SizeBudget? size = null;
        if (map.Map("size", "budgets.size", SizeKeys) is { } s)
        {
            var kb = s.Double("max_kb", min: 0, minExclusive: true);
            var ratio = s.Double("max_ratio", min: 0, minExclusive: true);
            if (s.Has("max_kb") == s.Has("max_ratio"))
            {
                map.Bag.Add(ConfigDiagnostics.BudgetLimits(map.KeyPosition("size"), "size", "max_kb", "max_ratio"));
            }

            size = new SizeBudget(kb, ratio, map.KeyPosition("size"));
        }

        return new BudgetsConfig(accuracy, latency, size);
    }
}
