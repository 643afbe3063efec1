namespace ModelCompress.Build.Tests.Tasks;

/// <summary>
/// The engine restore fetched, as the task finds it in a NuGet packages folder: it runs from there, and every
/// way it can be missing is an MC52xx error naming the cause and the fix, never MC9002 "a bug in the engine".
/// </summary>
public sealed class EngineAcquisitionTests : IDisposable
{
    private const string Version = "0.1.0";
    private readonly TempFolder _folder = new();
    private readonly RecordingBuildEngine _engine = new();

    [Fact]
    public void An_engine_in_the_packages_folder_runs_from_there()
    {
        var packages = Path.Combine(_folder.Path, "packages");
        InstallStandIn(Path.Combine(packages, "modelcompress.tool.linux-x64", Version, "tools", "net10.0", "linux-x64"));
        var task = CreateTask(packages);

        Assert.True(task.Execute(), _engine.Log);

        Assert.Contains(_engine.Messages, m => m.Message?.Contains("restored package", StringComparison.Ordinal) == true);
        Assert.True(File.Exists(task.ManifestFile));
    }

    [Fact]
    public void An_engine_restore_did_not_fetch_is_MC5200_naming_package_version_and_fix()
    {
        var task = CreateTask(Path.Combine(_folder.Path, "empty packages"));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("MC5200", error.Code);
        Assert.Contains("ModelCompress.Tool.linux-x64 0.1.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet restore", error.Message, StringComparison.Ordinal);
        Assert.Contains("NU1102", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_tool_manifest_pinning_another_version_is_MC5202_at_the_manifest()
    {
        var manifest = _folder.Write(Path.Combine(".config", "dotnet-tools.json"), Manifest("0.0.9"));
        var task = CreateTask(Path.Combine(_folder.Path, "packages"));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("MC5202", error.Code);
        Assert.Equal(manifest, error.File);
        Assert.Contains("dotnet tool update ModelCompress.Tool --local --version 0.1.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_tool_that_was_not_restored_is_MC5201_asking_for_dotnet_tool_restore()
    {
        _folder.Write(Path.Combine(".config", "dotnet-tools.json"), Manifest(Version));
        var task = CreateTask(Path.Combine(_folder.Path, "packages"));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("MC5201", error.Code);
        Assert.Contains("dotnet tool restore", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_training_backend_restore_did_not_fetch_is_MC5204()
    {
        var packages = Path.Combine(_folder.Path, "packages");
        InstallStandIn(Path.Combine(packages, "modelcompress.tool.linux-x64", Version, "tools", "net10.0", "linux-x64"));
        var task = CreateTask(packages);
        task.TrainingPackageId = "ModelCompress.Tool.Training.linux-x64";

        Assert.False(task.Execute());

        Assert.Equal("MC5204", Assert.Single(_engine.Errors).Code);
    }

    [Theory]
    [InlineData("Run \"dotnet tool restore\" to make the \"modelcompress\" command available.", true)]
    [InlineData("You must install or update .NET to run this application.", true)]
    [InlineData("modelcompress: digits: step 1 prune 0.2 s", false)]
    public void Launcher_failures_are_told_apart_from_engine_output(string line, bool launcher)
    {
        Assert.Equal(launcher, EngineLookup.LauncherFailure(new[] { line }) != null);
    }

    public void Dispose() => _folder.Dispose();

    private static string Manifest(string version) =>
        "{ \"version\": 1, \"isRoot\": true, \"tools\": { \"modelcompress.tool\": { \"version\": \"" + version + "\", \"commands\": [ \"modelcompress\" ] } } }";

    /// <summary>The stand-in engine laid out as restore lays out the tool package (its main file renamed modelcompress.dll).</summary>
    private static void InstallStandIn(string toolFolder)
    {
        Directory.CreateDirectory(toolFolder);
        var standIn = Path.GetDirectoryName(TestEngine.StandInPath)!;
        foreach (var file in Directory.GetFiles(standIn))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith("modelcompress-standin.", StringComparison.Ordinal))
            {
                // The host finds every other file by folder probing; a second copy of the main assembly would clash.
                if (name.EndsWith(".dll", StringComparison.Ordinal) || name.EndsWith(".runtimeconfig.json", StringComparison.Ordinal))
                {
                    File.Copy(file, Path.Combine(toolFolder, name.Replace("modelcompress-standin", "modelcompress", StringComparison.Ordinal)));
                }

                continue;
            }

            File.Copy(file, Path.Combine(toolFolder, name));
        }
    }

    private RunModelCompressEngine CreateTask(string packagesRoot)
    {
        var task = DigitsEngineTask.Create(_folder, _engine, DigitsEngineTask.Config(_folder, "size: { max_kb: 1000 }"));
        task.EnginePackageVersion = Version;
        task.EngineRuntimeIdentifier = "linux-x64";
        task.NuGetPackageRoot = packagesRoot;
        return task;
    }
}
