namespace ModelCompress.Engine.Config;

/// <summary>Knowledge distillation while training: loss α·T²·KL(teacher‖student) + (1−α)·CE.</summary>
public sealed record DistillLossSettings(double Temperature, double Alpha)
{
    public static IReadOnlyList<string> Keys { get; } = ["temperature", "alpha"];

    internal static DistillLossSettings Parse(YamlMap map) =>
        new(map.Double("temperature", min: 0, minExclusive: true) ?? 4, map.Double("alpha", 0, 1) ?? 0.7);

    internal CanonicalText Canonical() => new CanonicalText().Add("temperature", Temperature).Add("alpha", Alpha);
}
