using ModelCompress.Torch.Backend;

namespace ModelCompress.Torch.Tests.Backend;

/// <summary>Where the engine looks for libtorch: the variable, beside the engine, then the NuGet packages folder.</summary>
public sealed class TrainingBackendTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mc backend " + Guid.NewGuid().ToString("N")[..8]);

    public TrainingBackendTests() => Directory.CreateDirectory(_root);

    private static string Bridge =>
        OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";

    [Fact]
    public void The_variable_wins_and_must_hold_the_bridge()
    {
        var folder = Folder("custom", Bridge);
        var engine = Folder("engine", Bridge);

        var found = TrainingBackend.Locate(engine, folder, null, "linux-x64", "0.1.0");
        var empty = TrainingBackend.Locate(engine, Folder("empty"), null, "linux-x64", "0.1.0");

        Assert.True(found.IsAvailable);
        Assert.Equal(folder, found.Directory);
        Assert.False(empty.IsAvailable);
        Assert.Contains(TrainingBackend.DirectoryVariable, empty.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repository_build_carries_libtorch_beside_the_engine()
    {
        var engine = Folder(Path.Combine("engine", "runtimes", "linux-x64", "native"), Bridge);

        var backend = TrainingBackend.Locate(Path.Combine(_root, "engine"), null, null, "linux-x64", "0.1.0");

        Assert.True(backend.Bundled);
        Assert.True(backend.IsAvailable);
        Assert.Null(backend.Directory);
        Assert.True(Directory.Exists(engine));
    }

    [Fact]
    public void The_packaged_engine_finds_the_training_package_of_its_own_version_and_rid()
    {
        var native = Folder(Path.Combine("packages", "modelcompress.tool.training.linux-x64", "0.1.0", "native"), Bridge);
        Folder(Path.Combine("packages", "modelcompress.tool.training.linux-x64", "0.2.0", "native"), Bridge);

        var backend = TrainingBackend.Locate(Folder("engine"), null, Path.Combine(_root, "packages"), "linux-x64", "0.1.0");

        Assert.True(backend.IsAvailable);
        Assert.Equal(native, backend.Directory);
        Assert.Equal("ModelCompress.Tool.Training.linux-x64", backend.PackageId);
    }

    [Fact]
    public void Without_one_the_problem_names_the_folder_looked_at()
    {
        var backend = TrainingBackend.Locate(Folder("engine"), null, Path.Combine(_root, "packages"), "win-x64", "0.1.0");

        Assert.False(backend.IsAvailable);
        Assert.Contains(Path.Combine("modelcompress.tool.training.win-x64", "0.1.0", "native"), backend.Problem, StringComparison.Ordinal);
        var diagnostic = BackendDiagnostics.Missing("finetune", null, backend);
        Assert.Equal("MC5210", diagnostic.Code);
        Assert.Contains("<ModelCompressTraining>cpu</ModelCompressTraining>", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("ModelCompress.Tool.Training.win-x64 0.1.0", diagnostic.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string relative, params string[] files)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(path);
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(path, file), "");
        }

        return path;
    }
}
