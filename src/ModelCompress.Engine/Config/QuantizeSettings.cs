namespace ModelCompress.Engine.Config;

/// <summary><c>quantize:</c> int8 dynamic quantization (static and fp16 are reserved words, not yet implemented).</summary>
public sealed record QuantizeSettings(
    QuantizeMode Mode,
    bool PerChannel,
    IReadOnlyList<string>? Ops,
    IReadOnlyList<string>? Include,
    IReadOnlyList<string>? Exclude) : IStepSettings
{
    public static IReadOnlyList<string> Keys { get; } = ["mode", "per_channel", "ops", "include", "exclude"];

    public string Kind => "quantize";

    public string RunnerKey => "quantize." + ConfigWords.NameOf(ConfigWords.QuantizeModes, Mode);

    public bool RequiresTorch => false;

    public IReadOnlyList<string> ReferencedFiles => [];

    public string CanonicalForm => new CanonicalText()
        .Add("mode", ConfigWords.NameOf(ConfigWords.QuantizeModes, Mode)).Add("per_channel", PerChannel)
        .Add("ops", Ops).Add("include", Include).Add("exclude", Exclude).ToString();

    internal static QuantizeSettings? Parse(YamlMap map)
    {
        var errorsBefore = map.Bag.Items.Count;
        var mode = map.Choice("mode", ConfigWords.QuantizeModes, required: true, hint: "'mode: dynamic' (int8 weights, activations quantized at run time)");
        if (mode is QuantizeMode.Static or QuantizeMode.Fp16)
        {
            map.Bag.Add(ConfigDiagnostics.NotSupportedYet(map.ValuePosition("mode"), $"quantize mode '{ConfigWords.NameOf(ConfigWords.QuantizeModes, mode.Value)}'", "use 'mode: dynamic'"));
        }

        var ops = map.StringList("ops");
        foreach (var op in ops ?? [])
        {
            if (!ConfigWords.QuantizeOps.ContainsKey(op))
            {
                map.Bag.Add(ConfigDiagnostics.UnknownValue(map.ValuePosition("ops"), "ops", op, ConfigWords.QuantizeOps.Keys));
            }
        }

        var settings = new QuantizeSettings(mode ?? QuantizeMode.Dynamic, map.Bool("per_channel") ?? true, ops, map.StringList("include"), map.StringList("exclude"));
        return map.Bag.Items.Count == errorsBefore ? settings : null;
    }
}
