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
    public void A_model_with_external_data_is_shipped_as_files_beside_the_app_not_embedded()
    {
        var onnx = Path.Combine(_folder.Path, "out", "big.onnx");
        _folder.Write("out/big.onnx", "model");
        _folder.Write("out/big.onnx.data", "weights");
        var task = Read(Manifest(onnx, onnx + ".data"));

        Assert.True(task.Execute(), _engine.Log);

        var model = task.Models.Single(m => m.GetMetadata("ModelName") == "big");
        Assert.Equal("true", model.GetMetadata("ExternalData"));
        Assert.Equal(Path.Combine("models", "big.onnx"), model.GetMetadata("FileTargetPath"));
        Assert.Equal("", task.Models.Single(m => m.GetMetadata("ModelName") == "digits").GetMetadata("ExternalData"));
        Assert.Equal(new[] { onnx, onnx + ".data" }, task.ModelFiles.Select(f => f.ItemSpec));
        Assert.Equal(new[] { Path.Combine("models", "big.onnx"), Path.Combine("models", "big.onnx.data") }, task.ModelFiles.Select(f => f.GetMetadata("TargetPath")));
        Assert.All(task.ModelFiles, f => Assert.Equal(f.GetMetadata("TargetPath"), f.GetMetadata("Link")));
    }

    [Theory]
    [InlineData("elsewhere/big.onnx.data", "is not in the folder of")]
    [InlineData("out/gone.onnx.data", "does not exist")]
    public void A_data_file_the_build_cannot_put_beside_its_model_is_an_MC5098_error(string dataFile, string expected)
    {
        var onnx = Path.Combine(_folder.Path, "out", "big.onnx");
        _folder.Write("out/big.onnx", "model");
        _folder.Write("elsewhere/big.onnx.data", "weights");
        var task = Read(Manifest(onnx, Path.Combine(_folder.Path, dataFile)));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("MC5098", error.Code);
        Assert.Contains(expected, error.Message);
        Assert.Contains("'big'", error.Message);
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/abs")]
    public void A_models_folder_outside_the_output_folder_is_an_MC5090_error(string folder)
    {
        var task = Read(Manifest("/o/big.onnx", "/o/big.onnx.data"));
        task.ModelsOutputFolder = folder;

        Assert.False(task.Execute());
        Assert.Equal("MC5090", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void The_models_folder_dot_is_the_output_folder_itself()
    {
        var onnx = Path.Combine(_folder.Path, "big.onnx");
        _folder.Write("big.onnx", "model");
        _folder.Write("big.onnx.data", "weights");
        var task = Read(Manifest(onnx, onnx + ".data"));
        task.ModelsOutputFolder = ".";

        Assert.True(task.Execute(), _engine.Log);
        Assert.Equal(new[] { "big.onnx", "big.onnx.data" }, task.ModelFiles.Select(f => f.GetMetadata("TargetPath")));
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

    private static string Manifest(string onnx, string dataFile) =>
        """{ "version": 1, "models": [ { "name": "digits", "file": "/o/digits.onnx" }, { "name": "big", "file": "ONNX", "dataFiles": ["DATA"] } ] }"""
            .Replace("ONNX", Json(onnx), StringComparison.Ordinal).Replace("DATA", Json(dataFile), StringComparison.Ordinal);

    private static string Json(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);

    private ReadModelCompressManifest Read(string json) => new()
    {
        BuildEngine = _engine,
        ManifestFile = _folder.Write("manifest.json", json),
        ResourcePrefix = "MyApp.Models.",
    };
}
