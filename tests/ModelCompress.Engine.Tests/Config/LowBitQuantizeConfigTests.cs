namespace ModelCompress.Engine.Tests.Config;

/// <summary>quantize modes fp16 and weight_only: their settings, defaults, and one diagnostic per bad value at its position.</summary>
public sealed class LowBitQuantizeConfigTests
{
    [Fact]
    public void Fp16_reads_its_settings_and_defaults()
    {
        var plain = Settings<Fp16QuantizeSettings>("{ mode: fp16 }");
        var full = Settings<Fp16QuantizeSettings>("{ mode: fp16, keep_io_types: false, exclude: [/fc/Gemm], exclude_ops: [Softmax] }");

        Assert.Equal((true, 0, 0), (plain.KeepIoTypes, plain.Exclude.Count, plain.ExcludeOps.Count));
        Assert.Equal("quantize.fp16", StepKinds.Of(plain).Name);
        Assert.False(full.KeepIoTypes);
        Assert.Equal(["/fc/Gemm"], full.Exclude);
        Assert.Equal(["Softmax"], full.ExcludeOps);
        Assert.NotEqual(plain.CanonicalForm, full.CanonicalForm);
    }

    [Fact]
    public void Weight_only_reads_its_settings_and_defaults()
    {
        var plain = Settings<WeightOnlyQuantizeSettings>("{ mode: weight_only }");
        var full = Settings<WeightOnlyQuantizeSettings>("{ mode: weight_only, bits: 8, block_size: 128, symmetric: false, accuracy_level: 0, include: [a] }");

        Assert.Equal((4, 32, true, 4), (plain.Bits, plain.BlockSize, plain.Symmetric, plain.AccuracyLevel));
        Assert.Equal("quantize.weight_only", StepKinds.Of(plain).Name);
        Assert.Equal((8, 128, false, 0), (full.Bits, full.BlockSize, full.Symmetric, full.AccuracyLevel));
        Assert.Equal(["a"], full.Include);
        Assert.Contains("block_size=128", full.CanonicalForm, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("2")]
    [InlineData("16")]
    public void Bits_other_than_4_or_8_are_MC1045_at_the_value(string bits)
    {
        var yaml = ConfigText.WithSteps($"      - quantize: {{ mode: weight_only, bits: {bits} }}");

        var error = ConfigText.SingleError(yaml, "MC1045", $"{bits} }}");

        Assert.Contains("4 or 8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("48")]
    [InlineData("8")]
    [InlineData("100")]
    public void Block_size_not_a_power_of_two_of_at_least_16_is_MC1046_at_the_value(string size)
    {
        var yaml = ConfigText.WithSteps($"      - quantize: {{ mode: weight_only, block_size: {size} }}");

        var error = ConfigText.SingleError(yaml, "MC1046", $"{size} }}");

        Assert.Contains("power of two", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ mode: fp16, bits: 4 }", "bits")]
    [InlineData("{ mode: fp16, per_channel: true }", "per_channel")]
    [InlineData("{ mode: weight_only, keep_io_types: true }", "keep_io_types")]
    [InlineData("{ mode: dynamic, block_size: 32 }", "block_size")]
    [InlineData("{ mode: dynamic, exclude_ops: [Resize] }", "exclude_ops")]
    public void A_key_of_another_mode_is_MC1018_at_the_key(string settings, string key)
    {
        var yaml = ConfigText.WithSteps($"      - quantize: {settings}");

        ConfigText.SingleError(yaml, "MC1018", key);
    }

    private static T Settings<T>(string settings) =>
        Assert.IsType<T>(ConfigText.Parse(ConfigText.WithSteps($"      - quantize: {settings}")).Models[0].Steps[^1].Settings);
}
