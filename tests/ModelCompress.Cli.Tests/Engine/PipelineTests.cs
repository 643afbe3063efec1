using ModelCompress.Engine.Manifest;

namespace ModelCompress.Cli.Tests.Engine;

/// <summary>The engine end to end, in-process: outputs, reports, budgets and the chained cache.</summary>
public sealed class PipelineTests
{
    [Fact]
    public void Prune_then_quantize_writes_model_reports_and_manifest()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var report = ReportJson.Deserialize(File.ReadAllText(Path.Combine(project.OutputDir, "report.json")));
        var model = Assert.Single(report.Models);
        Assert.Equal("passed", model.Status);
        Assert.Equal(493.0 / 497, model.Original!.Accuracy!.Value, 6);
        Assert.Equal(2, model.Steps.Count);
        Assert.All(model.Steps, s => Assert.False(s.CacheHit));
        Assert.InRange(model.Steps[0].Metrics!.Sparsity, 0.45, 0.55);
        Assert.True(model.Compressed!.Accuracy >= model.Original.Accuracy - 0.02);
        Assert.True(model.Compressed.SizeBytes < model.Original.SizeBytes, "quantized model should be smaller");
        var budget = Assert.Single(model.Budgets);
        Assert.Equal("pass", budget.Verdict);
        Assert.Equal(14, budget.Line);
        var manifest = BuildManifest.Read(Path.Combine(project.OutputDir, "manifest.json"));
        Assert.Contains(project.ConfigPath, manifest.Inputs);
        Assert.Contains(project.PathOf("data/digits.npz"), manifest.Inputs);
        Assert.Equal("Digits", Assert.Single(manifest.Models).AccessorName);
        Assert.Null(manifest.Models[0].DataFiles); // inline weights: no "dataFiles" key, the build embeds the model
        Assert.DoesNotContain("dataFiles", File.ReadAllText(Path.Combine(project.OutputDir, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(project.OutputDir, "digits.onnx")));
        Assert.Contains("## digits — passed", File.ReadAllText(Path.Combine(project.OutputDir, "report.md")));
    }

    [Fact]
    public void Second_run_hits_the_cache_and_gives_identical_bytes()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        Assert.True(EngineRun.Run(project).Succeeded);
        var first = File.ReadAllBytes(Path.Combine(project.OutputDir, "digits.onnx"));

        var again = EngineRun.Run(project);

        Assert.True(again.Succeeded);
        Assert.All(again.Report!.Models[0].Steps, s => Assert.True(s.CacheHit));
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(project.OutputDir, "digits.onnx")));
    }

    [Fact]
    public void Editing_the_last_step_reruns_only_that_step()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        Assert.True(EngineRun.Run(project).Succeeded);
        project.WriteConfig(BadInputTests.ValidYaml.Replace("mode: dynamic }", "mode: dynamic, per_channel: false }"));

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var steps = outcome.Report!.Models[0].Steps;
        Assert.True(steps[0].CacheHit);
        Assert.False(steps[1].CacheHit);
    }

    [Fact]
    public void Fresh_output_folder_with_a_shared_cache_hits()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        var shared = project.PathOf("shared cache");
        Assert.True(EngineRun.Run(project, cacheDir: shared).Succeeded);
        Directory.Delete(Path.Combine(project.Root, "obj"), recursive: true);

        var outcome = EngineRun.Run(project, cacheDir: shared);

        Assert.All(outcome.Report!.Models[0].Steps, s => Assert.True(s.CacheHit));
    }

    [Fact]
    public void Corrupt_cache_entry_is_detected_and_recomputed()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        Assert.True(EngineRun.Run(project).Succeeded);
        var good = File.ReadAllBytes(Path.Combine(project.OutputDir, "digits.onnx"));
        foreach (var artifact in Directory.EnumerateFiles(project.CacheDir, "artifact.onnx", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(artifact);
            bytes[bytes.Length / 2] ^= 0xFF;
            File.WriteAllBytes(artifact, bytes);
        }

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded);
        Assert.Contains(outcome.Diagnostics, d => d.Code == "MC5003" && d.Severity == DiagnosticSeverity.Warning);
        Assert.All(outcome.Report!.Models[0].Steps, s => Assert.False(s.CacheHit));
        Assert.Equal(good, File.ReadAllBytes(Path.Combine(project.OutputDir, "digits.onnx")));
    }

    [Fact]
    public void Broken_budget_is_an_error_at_its_line_or_a_warning_when_asked()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml.Replace("accuracy: { metric: top1, max_drop: 0.02 }", "size: { max_kb: 1 }"));

        var error = EngineRun.SingleError(EngineRun.Run(project));
        Assert.Equal("MC2003", error.Code);
        Assert.Equal(14, error.Position?.Line);
        Assert.Equal(7, error.Position?.Column);
        Assert.False(File.Exists(Path.Combine(project.OutputDir, "digits.onnx")));
        Assert.False(File.Exists(Path.Combine(project.OutputDir, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(project.OutputDir, "report.json")), "the report explains the failure");

        var warned = EngineRun.Run(project, severity: DiagnosticSeverity.Warning);
        Assert.True(warned.Succeeded);
        Assert.Contains(warned.Diagnostics, d => d.Code == "MC2003" && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Model_without_data_still_compresses_and_warns()
    {
        using var project = new TempProject();
        project.WriteConfig("""
            version: 1
            models:
              mlp:
                source: models/digits_mlp.onnx
                steps:
                  - quantize: { mode: dynamic }
                evaluation: { iterations: 5, warmup: 1 }
            """);

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        Assert.Contains(outcome.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Code.StartsWith("MC40", StringComparison.Ordinal));
        var model = outcome.Report!.Models[0];
        Assert.Null(model.Compressed!.Accuracy);
        Assert.NotNull(model.Compressed.MaxAbsError);
        Assert.True(File.Exists(Path.Combine(project.OutputDir, "mlp.onnx")));
    }

    [Fact]
    public void A_failed_run_removes_the_last_good_report_and_manifest()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        Assert.True(EngineRun.Run(project).Succeeded);
        project.WriteConfig(BadInputTests.ValidYaml.Replace("sparsity: 0.5", "sparsity: 5", StringComparison.Ordinal));

        Assert.False(EngineRun.Run(project).Succeeded);

        Assert.False(File.Exists(Path.Combine(project.OutputDir, "report.json")), "an old report.json would still say succeeded");
        Assert.False(File.Exists(Path.Combine(project.OutputDir, "manifest.json")));
    }

    [Fact]
    public void Cache_record_without_facts_is_recomputed_not_a_crash()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        Assert.True(EngineRun.Run(project).Succeeded);
        foreach (var record in Directory.EnumerateFiles(project.CacheDir, "record.json", SearchOption.AllDirectories))
        {
            File.WriteAllText(record, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(record), "\"Facts\": \\[[^\\]]*\\]", "\"Facts\": null"));
        }

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        Assert.Contains(outcome.Diagnostics, d => d.Code == "MC5003");
    }

    [Fact]
    public void A_model_with_external_data_lists_its_side_file_as_a_build_input()
    {
        using var project = new TempProject();
        var model = ModelCompress.Onnx.OnnxModel.Load(project.PathOf("models/digits_cnn.onnx"));
        model.Save(project.PathOf("models/external.onnx"), new ModelCompress.Onnx.OnnxSaveOptions(UseExternalData: true, ExternalDataFileName: "external.onnx.data"));
        project.WriteConfig(BadInputTests.ValidYaml.Replace("models/digits_cnn.onnx", "models/external.onnx", StringComparison.Ordinal));

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var manifest = BuildManifest.Read(Path.Combine(project.OutputDir, "manifest.json"));
        Assert.Contains(project.PathOf("models/external.onnx.data"), manifest.Inputs);
        Assert.Equal(493.0 / 497, outcome.Report!.Models[0].Original!.Accuracy!.Value, 6);
    }
}
