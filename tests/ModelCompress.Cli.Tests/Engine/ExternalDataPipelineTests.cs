using Microsoft.ML.OnnxRuntime;
using ModelCompress.Cli.Tests.Support;
using ModelCompress.Engine.Manifest;
using ModelCompress.Engine.Reporting;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Cli.Tests.Engine;

/// <summary>
/// A model whose weights live in external data (28 MiB here; scripts/large-model.sh does the same over 2 GiB) goes
/// through prepare and int4 weight-only as files: every cache entry and the output keep an external data file, and
/// ONNX Runtime runs the result from its path.
/// </summary>
public sealed class ExternalDataPipelineTests
{
    private const int Layers = 3;
    private const int Dim = 1536;

    [Fact]
    public void Prepare_and_int4_keep_external_data_through_the_cache_and_into_the_output()
    {
        using var project = Project();

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var output = Path.Combine(project.OutputDir, "big.onnx");
        Assert.True(new FileInfo(output).Length < 16 * 1024, $"the output .onnx holds {new FileInfo(output).Length} bytes: weights went inline");
        Assert.True(File.Exists(output + ".data"));
        var entries = Directory.GetFiles(project.CacheDir, "artifact.onnx", SearchOption.AllDirectories);
        Assert.Equal(2, entries.Length);
        Assert.All(entries, e => Assert.True(File.Exists(e + ".data"), $"{e} has no external data beside it"));
        var report = Assert.Single(ReportJson.Deserialize(File.ReadAllText(Path.Combine(project.OutputDir, "report.json"))).Models);
        Assert.True((double)report.Compressed!.SizeBytes / report.Original!.SizeBytes <= 0.3, $"{report.Compressed.SizeBytes} / {report.Original.SizeBytes}");
        Assert.Equal(Layers, ModelProto.Parser.ParseFrom(File.ReadAllBytes(output)).Graph.Node.Count(n => n.OpType == "MatMulNBits"));
        var error = RelativeError(Infer(project.PathOf("models/big.onnx")), Infer(output));
        Assert.True(error < 0.2, $"relative L2 error of the int4 output {error}");
        var notice = Assert.Single(outcome.Diagnostics, d => d.Code == "MC3180");
        Assert.Equal(DiagnosticSeverity.Info, notice.Severity);
        Assert.Contains("big.onnx.data", notice.Message);
        Assert.Contains("CompressedModels.Big.FilePath", notice.Message);
        // The manifest names the data file, so the build copies it beside the app with the .onnx.
        var manifest = Assert.Single(BuildManifest.Read(Path.Combine(project.OutputDir, "manifest.json")).Models);
        Assert.Equal([output + ".data"], manifest.DataFiles);
    }

    [Fact]
    public void A_second_run_reuses_both_steps_and_writes_the_same_files()
    {
        using var project = Project();
        Assert.True(EngineRun.Run(project).Succeeded);
        var output = Path.Combine(project.OutputDir, "big.onnx");
        var first = (File.ReadAllBytes(output), File.ReadAllBytes(output + ".data"));
        File.Delete(output);
        File.Delete(output + ".data");

        Assert.True(EngineRun.Run(project).Succeeded);

        var report = Assert.Single(ReportJson.Deserialize(File.ReadAllText(Path.Combine(project.OutputDir, "report.json"))).Models);
        Assert.All(report.Steps, s => Assert.True(s.CacheHit, $"step {s.Index} {s.Kind} ran again"));
        Assert.Equal(first.Item1, File.ReadAllBytes(output));
        Assert.Equal(first.Item2, File.ReadAllBytes(output + ".data"));
    }

    [Fact]
    public void Changing_only_the_external_data_file_reruns_the_steps()
    {
        using var project = Project();
        Assert.True(EngineRun.Run(project).Succeeded);
        var data = project.PathOf("models/big.onnx.data");
        var bytes = File.ReadAllBytes(data);
        bytes[^1] ^= 0x01; // the lowest mantissa bit of the last weight: the .onnx file itself is unchanged
        File.WriteAllBytes(data + ".new", bytes);
        File.Move(data + ".new", data, overwrite: true);

        Assert.True(EngineRun.Run(project).Succeeded);

        var report = Assert.Single(ReportJson.Deserialize(File.ReadAllText(Path.Combine(project.OutputDir, "report.json"))).Models);
        Assert.All(report.Steps, s => Assert.False(s.CacheHit, $"step {s.Index} {s.Kind} was reused after its input's weights changed"));
    }

    [Fact]
    public void When_the_cache_cannot_store_an_entry_the_run_warns_and_goes_on_from_the_staged_files()
    {
        using var project = Project();
        // Every entry lives under a two-hex-digit folder: files in their place make each store fail (even for root).
        Directory.CreateDirectory(project.CacheDir);
        foreach (var prefix in Enumerable.Range(0, 256).Select(i => i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)))
        {
            File.WriteAllText(Path.Combine(project.CacheDir, prefix), "");
        }

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        Assert.Contains(outcome.Diagnostics, d => d.Code == "MC5002");
        Assert.DoesNotContain(Directory.GetDirectories(project.CacheDir), d => Path.GetFileName(d).Length == 2);
        var output = Path.Combine(project.OutputDir, "big.onnx");
        Assert.Equal(Layers, ModelProto.Parser.ParseFrom(File.ReadAllBytes(output)).Graph.Node.Count(n => n.OpType == "MatMulNBits"));
        Assert.True(RelativeError(Infer(project.PathOf("models/big.onnx")), Infer(output)) < 0.2);
    }

    [Fact]
    public void A_model_removed_from_the_config_takes_its_data_file_with_it()
    {
        using var project = Project();
        Assert.True(EngineRun.Run(project).Succeeded);
        project.WriteConfig(BadInputTests.ValidYaml);

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        Assert.DoesNotContain(project.OutputFiles(), f => f.StartsWith("big.onnx", StringComparison.Ordinal));
        Assert.Contains("digits.onnx", project.OutputFiles());
    }

    private static TempProject Project()
    {
        var project = new TempProject();
        ExternalDataModel.Write(project.PathOf("models/big.onnx"), Layers, Dim, seed: 5);
        project.WriteConfig("""
            version: 1
            models:
              big:
                source: models/big.onnx
                steps:
                  - prepare: {}
                  - quantize: { mode: weight_only, bits: 4 }
                evaluation: { warmup: 0, iterations: 1 }
            """);
        return project;
    }

    private static float[] Infer(string path)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);
        var x = Enumerable.Range(0, Dim).Select(i => MathF.Sin(i * 0.37f)).ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(x, [1, Dim]);
        using var runOptions = new Microsoft.ML.OnnxRuntime.RunOptions();
        using var outputs = session.Run(runOptions, ["x"], [input], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static double RelativeError(float[] expected, float[] actual) =>
        Math.Sqrt(expected.Zip(actual, (a, b) => (double)(a - b) * (a - b)).Sum() / expected.Sum(a => (double)a * a));
}
