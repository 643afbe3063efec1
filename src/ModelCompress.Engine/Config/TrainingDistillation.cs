namespace ModelCompress.Engine.Config;

/// <summary>Knowledge distillation from the original model while a prune or finetune step trains.</summary>
/// <param name="Temperature">Softmax temperature of the soft targets (&gt; 0, default 4).</param>
/// <param name="Alpha">Weight of the distillation loss against the label loss (0..1, default 0.7).</param>
public sealed record TrainingDistillation(double Temperature, double Alpha)
{
    /// <summary>Default temperature shared with the distill step.</summary>
    public const double DefaultTemperature = 4;

    /// <summary>Default alpha shared with the distill step.</summary>
    public const double DefaultAlpha = 0.7;

    internal string CanonicalForm =>
        new CanonicalText("kd").Add("alpha", Alpha).Add("temperature", Temperature).ToString();

    internal static TrainingDistillation Read(MappingReader map) => new(
        map.Number("temperature", NumberRange.Above(0)) ?? DefaultTemperature,
        map.Number("alpha", NumberRange.Between(0, 1)) ?? DefaultAlpha);
}
