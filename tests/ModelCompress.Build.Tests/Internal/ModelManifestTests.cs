namespace ModelCompress.Build.Tests.Internal;

public sealed class ModelManifestTests
{
    [Fact]
    public void Reads_models_inputs_and_reports()
    {
        const string json = """
            { "version": 1, "inputs": ["/p/compression.yaml", "/p/m\u00fcdel.onnx"],
              "models": [ { "name": "digits", "file": "/o/digits.onnx", "resourceName": "Models.digits.onnx", "accessorName": "Digits" },
                          { "name": "mlp", "file": "/o/mlp.onnx", "dataFiles": ["/o/mlp.onnx.data"] } ],
              "reports": ["/o/report.json"], "extra": { "ignored": [1, 2.5e3, true, null] } }
            """;

        var manifest = ModelManifest.Parse(json);

        Assert.Equal(new[] { "/p/compression.yaml", "/p/müdel.onnx" }, manifest.Inputs);
        Assert.Equal(new[] { "/o/report.json" }, manifest.Reports);
        Assert.Equal(2, manifest.Models.Count);
        Assert.Equal("Models.digits.onnx", manifest.Models[0].ResourceName);
        Assert.Equal("Digits", manifest.Models[0].AccessorName);
        Assert.Null(manifest.Models[1].ResourceName);
        Assert.Equal("/o/mlp.onnx", manifest.Models[1].File);
        Assert.Empty(manifest.Models[0].DataFiles);
        Assert.Equal(new[] { "/o/mlp.onnx.data" }, manifest.Models[1].DataFiles);
    }

    [Theory]
    [InlineData("{ \"version\": 2 }", "\"version\" must be 1 (found 2)")]
    [InlineData("{ \"models\": [] }", "\"version\" must be 1 (found nothing)")]
    [InlineData("{ \"version\": 1, \"models\": [ { \"file\": \"/x\" } ] }", "lacks \"name\"")]
    [InlineData("{ \"version\": 1, \"models\": {} }", "\"models\" must be an array")]
    [InlineData("{ \"version\": 1, \"models\": [ { \"name\": \"m\", \"file\": \"/x\", \"dataFiles\": [1] } ] }", "every entry of \"dataFiles\" must be a string")]
    [InlineData("{ \"version\": 1, ", "at offset")]
    [InlineData("[1] x", "after the end")]
    public void Bad_manifests_say_what_is_wrong(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ModelManifest.Parse(json));
        Assert.Contains(expected, error.Message);
    }
}
