using System.Text.Json;

namespace ModelCompress.Build.Tests.EndToEnd;

/// <summary>A real `dotnet build` of testprojects/StaticInt8App: BN folded, static int8 QDQ, fused by ONNX Runtime, embedded.</summary>
public sealed class StaticInt8AppBuildTests
{
    [Fact]
    public void Build_quantizes_statically_reports_the_fused_kernels_and_the_app_keeps_top1()
    {
        using var copy = TestProjectCopy.Create();
        var project = copy.ProjectDir("StaticInt8App");
        var output = Path.Combine(project, "obj", "Debug", "net10.0", "modelcompress");
        var assembly = Path.Combine(project, "bin", "Debug", "net10.0", "StaticInt8App.dll");

        var build = copy.Build("StaticInt8App");
        Assert.True(build.ExitCode == 0, build.ToString());

        var run = DotnetCli.Run(project, assembly);
        Assert.True(run.ExitCode == 0, run.ToString());
        var accuracy = double.Parse(run.Lines.Single(l => l.StartsWith("accuracy: ", StringComparison.Ordinal)).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.9920 - 0.003, 1.0);

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        var text = report.RootElement.ToString();
        Assert.Contains("quantize.static", text, StringComparison.Ordinal);
        Assert.Contains("fused 3 of 3 Conv", text, StringComparison.Ordinal);
        Assert.Contains("fused 1 of 1 Gemm", text, StringComparison.Ordinal);
        Assert.Contains("prepare: ", text, StringComparison.Ordinal);
        Assert.Contains("fused 3 of 3 Conv", File.ReadAllText(Path.Combine(output, "report.md")), StringComparison.Ordinal);
    }
}
