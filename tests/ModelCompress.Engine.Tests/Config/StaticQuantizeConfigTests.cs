namespace ModelCompress.Engine.Tests.Config;

public sealed class StaticQuantizeConfigTests
{
    [Fact]
    public void Static_mode_reads_its_defaults()
    {
        var settings = Settings("      - quantize: { mode: static }");

        Assert.Equal("quantize.static", StepKinds.Of(settings).Name);
        Assert.True(settings.PerChannel);
        Assert.Equal(QuantizedType.UInt8, settings.ActivationType);
        Assert.Equal(QuantizedType.Int8, settings.WeightType);
        Assert.Equal(CalibrationMethod.MinMax, settings.Method);
        Assert.Equal(99.999, settings.Percentile);
        Assert.Null(settings.Samples);
        Assert.Equal(StaticQuantizeSettings.DefaultFallbackMaxNodes, settings.FallbackMaxNodes);
    }

    [Fact]
    public void Static_mode_reads_every_key()
    {
        var settings = Settings("""
                  - quantize:
                      mode: static
                      per_channel: false
                      activation_type: int8
                      weight_type: uint8
                      symmetric_activations: true
                      reduce_range: true
                      calibration: { method: percentile, percentile: 99.9, samples: 50 }
                      exclude: [fc]
                      fallback: { max_nodes: 5 }
            """);

        Assert.Equal(
            new StaticQuantizeSettings(false, QuantizedType.Int8, QuantizedType.UInt8, true, true, CalibrationMethod.Percentile, 99.9, 50, [], ["fc"], 5)
                .CanonicalForm,
            settings.CanonicalForm);
        Assert.Equal(0, Settings("      - quantize: { mode: static, fallback: none }").FallbackMaxNodes);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("0")]
    [InlineData("-3")]
    public void Percentile_out_of_range_is_one_error_at_the_value(string value)
    {
        var yaml = ConfigText.WithSteps($"      - quantize: {{ mode: static, calibration: {{ method: percentile, percentile: {value} }} }}");

        var error = Assert.Single(ConfigText.Errors(yaml));

        ConfigText.AssertAt(error, error.Code, yaml, $"{value} }}");
        Assert.StartsWith("MC10", error.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Static_mode_without_any_data_is_one_error_at_the_mode()
    {
        var yaml = """
            version: 1
            models:
              digits:
                source: digits_cnn.onnx
                steps:
                  - quantize: { mode: static }
            """;

        ConfigText.SingleError(yaml, "MC1020", "static");
    }

    [Fact]
    public void Static_only_keys_are_refused_in_dynamic_mode_and_ops_in_static_mode()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      - quantize: { mode: dynamic, calibration: { method: entropy } }"), "MC1018", "calibration");
        ConfigText.SingleError(ConfigText.WithSteps("      - quantize: { mode: static, ops: [Conv] }"), "MC1018", "ops");
    }

    private static StaticQuantizeSettings Settings(string steps) =>
        Assert.IsType<StaticQuantizeSettings>(ConfigText.Parse(ConfigText.WithSteps(steps)).Models[0].Steps[0].Settings);
}
