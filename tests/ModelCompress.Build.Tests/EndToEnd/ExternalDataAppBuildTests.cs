using System.Globalization;

namespace ModelCompress.Build.Tests.EndToEnd;

/// <summary>
/// A real `dotnet build` and `dotnet publish` of testprojects/ExternalDataApp, whose model keeps its weights in
/// external data: the build copies digits.onnx + digits.onnx.data beside the app instead of embedding them, and the
/// app opens the model by CompressedModels.Digits.FilePath in ONNX Runtime.
/// </summary>
public sealed class ExternalDataAppBuildTests
{
    [Fact]
    public void Build_and_publish_copy_the_model_and_its_data_file_the_app_runs_it_by_path_and_bytes_do_not_compile()
    {
        using var copy = TestProjectCopy.Create();
        var project = copy.ProjectDir("ExternalDataApp");
        var output = Path.Combine(project, "obj", "Debug", "net10.0", "modelcompress");
        var bin = Path.Combine(project, "bin", "Debug", "net10.0");

        var build = copy.Build("ExternalDataApp");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("message MC3180", build.Output);
        Assert.DoesNotContain("warning MC3180", build.Output);
        Assert.True(new FileInfo(Path.Combine(bin, "models", "digits.onnx")).Length < 16 * 1024, "the copied .onnx holds the weights inline");
        Assert.Equal(File.ReadAllBytes(Path.Combine(output, "digits.onnx.data")), File.ReadAllBytes(Path.Combine(bin, "models", "digits.onnx.data")));
        Assert.DoesNotContain(AssemblyResources.Names(Path.Combine(bin, "ExternalDataApp.dll")), n => n.EndsWith(".onnx", StringComparison.Ordinal));
        var run = DotnetCli.Run(project, Path.Combine(bin, "ExternalDataApp.dll"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("file: " + Path.Combine(bin, "models", "digits.onnx"), run.Lines);
        Assert.Equal(Reported(output), Accuracy(run), 3);

        var publishDir = Path.Combine(project, "published");
        var publish = copy.Dotnet("publish", "ExternalDataApp", "-c", "Debug", "-o", publishDir);
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.True(File.Exists(Path.Combine(publishDir, "models", "digits.onnx.data")), "publish left out the data file");
        var published = DotnetCli.Run(publishDir, Path.Combine(publishDir, "ExternalDataApp.dll"));
        Assert.True(published.ExitCode == 0, published.ToString());
        Assert.Contains("file: " + Path.Combine(publishDir, "models", "digits.onnx"), published.Lines);
        Assert.Equal(Accuracy(run), Accuracy(published));

        // publish --no-build reads the manifest itself: no build in that run added the files.
        var noBuildDir = Path.Combine(project, "published-no-build");
        var noBuild = copy.Dotnet("publish", "ExternalDataApp", "--no-build", "-c", "Debug", "-o", noBuildDir);
        Assert.True(noBuild.ExitCode == 0, noBuild.ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(output, "digits.onnx.data")), File.ReadAllBytes(Path.Combine(noBuildDir, "models", "digits.onnx.data")));
        Assert.True(File.Exists(Path.Combine(noBuildDir, "models", "digits.onnx")), "publish --no-build left out the model");

        // Code that reads the model as bytes gets a compile error that says how to open it instead.
        File.WriteAllText(Path.Combine(project, "Bytes.cs"), "internal static class Bytes { public static int Length => DigitsApp.CompressedModels.Digits.ReadAllBytes().Length; }\n");
        var bytes = copy.Build("ExternalDataApp");
        Assert.NotEqual(0, bytes.ExitCode);
        Assert.Contains("error CS0619", bytes.Output);
        Assert.Contains("new InferenceSession(Digits.FilePath)", bytes.Output);
    }

    private static double Accuracy(CliResult run) =>
        double.Parse(run.Lines.Single(l => l.StartsWith("accuracy: ", StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);

    // The app measures the copied model itself; it must agree with what the engine reported for it.
    private static double Reported(string output)
    {
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        return report.RootElement.GetProperty("models")[0].GetProperty("compressed").GetProperty("accuracy").GetDouble();
    }
}
