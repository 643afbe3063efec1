namespace ModelCompress.Build.Tests.Tasks;

public sealed class ReadModelCompressManifestTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RecordingBuildEngine _engine = new();

    [Fact]
    public void Models_become_items_with_resource_and_accessor_names()
    {
        var onnx = Path.Combine(_folder.Path, "out", "digits.onnx");
        var task = Read("""{ "version": 1, "models": [ { "name": "digits", "file": "FILE", "resourceName": "Models.digits.onnx" }, { "name": "mlp-v2", "file": "/o/mlp.onnx", "accessorName": "not valid" } ], "reports": ["/o/report.json"] }""".Replace("FILE", onnx, StringComparison.Ordinal));

        Assert.True(task.Execute(), _engine.Log);

        Assert.Equal(2, task.Models.Length);
        Assert.Equal(onnx, task.Models[0].ItemSpec);
        Assert.Equal("Models.digits.onnx", task.Models[0].GetMetadata("LogicalName"));
        Assert.Equal("Digits", task.Models[0].GetMetadata("AccessorName"));
        Assert.Equal("MyApp.Models.mlp-v2.onnx", task.Models[1].GetMetadata("LogicalName"));
        Assert.Equal("NotValid", task.Models[1].GetMetadata("AccessorName"));
        Assert.Equal("/o/report.json", Assert.Single(task.Reports).ItemSpec);
    }

    [Fact]
    public void A_missing_manifest_gives_no_items_and_no_error()
    {
        var task = new ReadModelCompressManifest { BuildEngine = _engine, ManifestFile = Path.Combine(_folder.Path, "none.json") };

        Assert.True(task.Execute());
        Assert.Empty(task.Models);
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void Two_models_with_one_accessor_name_are_an_MC5095_error()
    {
        var task = Read("""{ "version": 1, "models": [ { "name": "digits-a", "file": "/a.onnx" }, { "name": "digits_a", "file": "/b.onnx" } ] }""");

        Assert.False(task.Execute());
        Assert.Equal("MC5095", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void A_corrupt_manifest_is_an_MC5094_error_naming_the_file()
    {
        var task = Read("{ \"version\": 1, ");

        Assert.False(task.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("MC5094", error.Code);
        Assert.Equal(task.ManifestFile, error.File);
    }

    public void Dispose() => _folder.Dispose();

    private ReadModelCompressManifest Read(string json) => new()
    {
        BuildEngine = _engine,
        ManifestFile = _folder.Write("manifest.json", json),
        ResourcePrefix = "MyApp.Models.",
    };
}
