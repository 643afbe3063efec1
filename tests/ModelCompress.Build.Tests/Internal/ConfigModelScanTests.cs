namespace ModelCompress.Build.Tests.Internal;

public sealed class ConfigModelScanTests
{
    [Fact]
    public void Block_and_flow_models_give_names_and_sources_in_file_order()
    {
        const string Yaml = "# comment\nversion: 1\nmodels:\n  digits:   # the CNN\n    source: models/digits_cnn.onnx\n    data:\n      source: not-this.onnx\n    steps: []\n  \"b-2\": { source: 'b 2.onnx', steps: [] }\nsettings:\n  x: 1\n";

        var models = ConfigModelScan.Scan(Yaml);

        Assert.Equal(new[] { "digits", "b-2" }, models.Select(m => m.Key));
        Assert.Equal(new[] { "models/digits_cnn.onnx", "b 2.onnx" }, models.Select(m => m.Value));
    }

    [Fact]
    public void Model_without_a_findable_source_has_none()
    {
        var model = Assert.Single(ConfigModelScan.Scan("models:\n  m:\n    steps: []\n"));

        Assert.Equal("m", model.Key);
        Assert.Null(model.Value);
    }
}
