namespace ModelCompress.Engine.Config;

/// <summary>A model's budgets; each is optional and checked against the original measured in the same run.</summary>
public sealed record BudgetsConfig(AccuracyBudget? Accuracy, LatencyBudget? Latency, SizeBudget? Size, MacsBudget? Macs = null)
{
    /// <summary>No budgets.</summary>
    public static BudgetsConfig None { get; } = new(null, null, null);

    internal static BudgetsConfig Read(MappingReader? map)
    {
        if (map is null)
        {
            return None;
        }

        var accuracy = map.Section("accuracy", ConfigKeys.AccuracyBudget);
        var latency = map.Section("latency", ConfigKeys.LatencyBudget);
        var size = map.Section("size", ConfigKeys.SizeBudget);
        var macs = map.Section("macs", ConfigKeys.MacsBudget);
        return new BudgetsConfig(
            accuracy is null ? null : AccuracyBudget.Read(accuracy),
            latency is null ? null : LatencyBudget.Read(latency),
            size is null ? null : SizeBudget.Read(size),
            macs is null ? null : MacsBudget.Read(macs));
    }
}
