using ModelCompress.Onnx.Files;

namespace ModelCompress.Onnx.Tests.Files;

/// <summary>
/// Save writes each file under a hidden temporary name first; the name must match <see cref="TemporaryName.Pattern"/>
/// (what the engine's sweeps remove once stale) and a failed write must not leave it behind.
/// </summary>
public sealed class SaveTemporaryFileTests
{
    [Fact]
    public void Temporary_names_are_hidden_beside_the_target_and_match_the_swept_pattern()
    {
        var folder = TestFiles.TempFolder("temp-name");
        var first = TemporaryName.For(Path.Combine(folder, "m.onnx.data"));
        var second = TemporaryName.For(Path.Combine(folder, "m.onnx.data"));
        File.WriteAllBytes(first, []);

        Assert.NotEqual(first, second);
        Assert.Equal(folder, Path.GetDirectoryName(first));
        Assert.StartsWith(".m.onnx.data.", Path.GetFileName(first), StringComparison.Ordinal);
        Assert.Equal([first], Directory.EnumerateFiles(folder, TemporaryName.Pattern));
    }

    [Fact]
    public void A_save_that_fails_at_the_rename_leaves_no_temporary_file()
    {
        var folder = TestFiles.TempFolder("temp-failed-save");
        var target = Path.Combine(folder, "m.onnx");
        Directory.CreateDirectory(target); // a folder where the model file should go: the rename fails
        var model = OnnxModel.Load(TestFiles.Cnn);

        Assert.ThrowsAny<IOException>(() => model.Save(target, new OnnxSaveOptions(UseExternalData: true)));

        Assert.Empty(Directory.EnumerateFiles(folder, TemporaryName.Pattern));
        Assert.Empty(Directory.EnumerateFiles(folder, "*.tmp"));
    }

    [Fact]
    public void A_good_save_leaves_only_the_model_and_its_data()
    {
        var folder = TestFiles.TempFolder("temp-good-save");
        OnnxModel.Load(TestFiles.Cnn).Save(Path.Combine(folder, "m.onnx"), new OnnxSaveOptions(UseExternalData: true));

        Assert.Equal(["m.onnx", "m.onnx.data"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
