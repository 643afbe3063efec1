using Microsoft.Build.Utilities;

namespace ModelCompress.Build.Tests.Tasks;

public sealed class GenerateModelCompressAccessorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RecordingBuildEngine _engine = new();

    [Fact]
    public void Writes_the_accessor_once_and_leaves_an_unchanged_file_alone()
    {
        var task = Create("CompressedModels");
        Assert.True(task.Execute(), _engine.Log);
        Assert.Contains("public static class Digits", File.ReadAllText(task.OutputFile));
        var written = DateTime.UtcNow.AddMinutes(-5);
        File.SetLastWriteTimeUtc(task.OutputFile, written);

        Assert.True(Create("CompressedModels").Execute(), _engine.Log);

        Assert.Equal(written, File.GetLastWriteTimeUtc(task.OutputFile));
    }

    [Fact]
    public void An_invalid_class_name_and_a_clash_are_both_reported()
    {
        var task = Create("Compressed Models");
        task.Models = task.Models.Append(Model("all", "All")).ToArray();

        Assert.False(task.Execute());

        Assert.Equal(new[] { "MC5090", "MC5095" }, _engine.Errors.Select(e => e.Code).OrderBy(c => c, StringComparer.Ordinal));
        Assert.False(File.Exists(task.OutputFile));
    }

    public void Dispose() => _folder.Dispose();

    private static TaskItem Model(string name, string accessor)
    {
        var item = new TaskItem("/o/" + name + ".onnx");
        item.SetMetadata("ModelName", name);
        item.SetMetadata("LogicalName", "MyApp.Models." + name + ".onnx");
        item.SetMetadata("AccessorName", accessor);
        return item;
    }

    private GenerateModelCompressAccessor Create(string className) => new()
    {
        BuildEngine = _engine,
        Models = new Microsoft.Build.Framework.ITaskItem[] { Model("digits", "Digits") },
        OutputFile = Path.Combine(_folder.Path, "obj", "CompressedModels.g.cs"),
        ClassName = className,
        Namespace = "MyApp",
    };
}
