using ModelCompress.Engine.Manifest;
using ModelCompress.Naming;

namespace ModelCompress.Engine.Tests.Config;

/// <summary>
/// Every naming rule of the build (length, accessor members, clashes between models) is checked when
/// compression.yaml is read, at the model's YAML line, before any step runs (MC1150–MC1152).
/// </summary>
public sealed class NamingRuleTests
{
    private static string Models(params string[] names) =>
        "version: 1\nmodels:\n" + string.Concat(names.Select(n => $"  {n}: {{ source: digits_cnn.onnx, steps: [ {{ quantize: {{ mode: dynamic }} }} ] }}\n"));

    [Theory]
    [InlineData("a_b", "a-b")]
    [InlineData("a_b", "a.b")]
    [InlineData("_x", "X")]
    [InlineData("digits-cnn", "digits_cnn_")]
    public void Names_that_become_the_same_accessor_are_MC1151_at_the_second(string first, string second)
    {
        var yaml = Models(first, second);

        var error = ConfigText.SingleError(yaml, "MC1151", second + ":");

        Assert.Contains($"'{first}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(AccessorNaming.AccessorName(second), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("All")]
    [InlineData("all")]
    [InlineData("compressed-models")]
    [InlineData("CompressedModels")]
    public void Name_that_becomes_a_member_of_the_generated_class_is_MC1152(string name)
    {
        var error = ConfigText.SingleError(Models("digits", name), "MC1152", name + ":");

        Assert.Contains(AccessorNaming.DefaultClassName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_longer_than_the_limit_is_MC1150_at_config_read()
    {
        var name = "m" + new string('x', AccessorNaming.MaxModelNameLength);

        var error = ConfigText.SingleError(Models(name), "MC1150", name + ":");

        Assert.Contains(name.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_at_the_limit_is_accepted()
    {
        var name = "m" + new string('x', AccessorNaming.MaxModelNameLength - 1);

        var config = ConfigText.Parse(Models(name));

        Assert.Equal(name, Assert.Single(config.Models).Name);
    }

    [Fact]
    public void Underscore_and_Model_are_different_accessors_by_the_shared_rule()
    {
        // The engine once named '_' "Model" while the task named it "_": the two clashed only at manifest.json.
        var config = ConfigText.Parse(Models("_", "Model"));

        Assert.Equal(new[] { "_", "Model" }, config.Models.Select(m => BuildManifest.AccessorNameOf(m.Name)));
    }

    [Theory]
    [InlineData("digits_cnn", "DigitsCnn")]
    [InlineData("digits-cnn.v2", "DigitsCnnV2")]
    [InlineData("_9", "_9")]
    [InlineData("_", "_")]
    public void Manifest_accessor_names_follow_the_shared_rule(string name, string accessor)
    {
        Assert.Equal(accessor, BuildManifest.AccessorNameOf(name));
        Assert.True(AccessorNaming.IsValidIdentifier(accessor));
    }

    [Fact]
    public void Resource_name_is_the_prefix_and_the_model_file_name()
    {
        Assert.Equal("App.Models.digits-cnn.onnx", AccessorNaming.ResourceName("App.Models.", "digits-cnn"));
    }
}
