using ModelCompress.Engine.Budgets;
using ModelCompress.Engine.Caching;
using ModelCompress.Engine.Steps;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// One model from source to verdict: load and check the original, load its data, measure it, run the steps
/// through the cache, measure the result against the original in the same run, and check the budgets.
/// </summary>
internal sealed class ModelPipeline(
    ModelConfig model,
    ArtifactCache cache,
    StepRegistry registry,
    IEngineObserver observer,
    EngineIdentity identity,
    RunOptions options)
{
    public ModelRun Run()
    {
        var clock = new StageClock(model.Name, observer);
        var diagnostics = new List<Diagnostic>();
        var inputs = new List<string> { model.SourcePath };
        var probe = new MetricsProbe(model, new EvaluationCache(cache.Root, options.Remeasure));
        void Report(Diagnostic d)
        {
            diagnostics.Add(d);
            observer.Diagnostic(d);
        }

        ModelMetrics? originalMetrics = null;
        var steps = new List<StepReport>();
        var budgets = new List<BudgetReport>();
        ModelArtifact? compressed = null;
        using var copies = HeldFolder.Create(cache); // the copy of the user's files this run works from
        try
        {
            var (original, originalArtifact) = clock.Time("load model", () => ModelLoading.Load(model, copies));
            inputs.AddRange(ModelLoading.ExternalFiles(model.SourcePath));
            var signature = ModelSignature.FromOnnx(original);
            inputs.AddRange(model.Steps.SelectMany(s => s.Settings.ReferencedFiles));
            var data = clock.Time("load data", () => DataLoading.Load(model, signature, inputs));
            var baseline = clock.Time("evaluate original", () => probe.Measure(original, originalArtifact, data, reference: null), p => p.Reused);
            originalMetrics = baseline.Metrics;
            foreach (var warning in baseline.Warnings)
            {
                Report(warning);
            }

            var links = new StepChain(model, cache, registry, observer, identity, probe, Report)
                .Run(original, originalArtifact, data, clock, baseline.Reference);
            steps.AddRange(links.Select(l => l.Report));
            var final = links.Count > 0 ? links[^1] : null;
            var finalMetrics = final?.Report.Metrics ?? baseline.Metrics;
            var interleaved = final is null ? null : clock.Time("compare latency", () => LatencyCheck.Compare(model, probe, originalArtifact, final.Artifact, data, new EvaluationCache(cache.Root, options.Remeasure)));
            foreach (var verdict in BudgetChecker.Check(model.Budgets, baseline.Metrics, finalMetrics, interleaved))
            {
                budgets.Add(ToReport(verdict));
                if (BudgetChecker.ToDiagnostic(model.Name, verdict, options.BudgetSeverity) is { } d)
                {
                    Report(d);
                }
            }

            // Without steps the output is the user's model: taken from the user's files, as the copy goes when this run ends.
            compressed = final?.Artifact ?? ModelArtifact.OfModelFile(model.SourcePath);
            if (ExternalDataOutput.Notice(model, compressed) is { } external)
            {
                Report(external);
            }
        }
        catch (CompressionException e)
        {
            foreach (var d in e.Diagnostics)
            {
                Report(d);
            }
        }

        var failed = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        var outputPath = failed ? null : Path.Combine(options.OutputDirectory, model.Name + ".onnx");
        var report = new ModelReport(
            model.Name,
            model.SourcePath,
            outputPath,
            failed ? "failed" : "passed",
            originalMetrics,
            steps.Count > 0 ? steps[^1].Metrics : originalMetrics,
            steps,
            budgets,
            clock.Timings);
        return new ModelRun(report, failed ? null : compressed, inputs, diagnostics);
    }

    private static BudgetReport ToReport(BudgetVerdict v) => new(
        v.Budget,
        v.LimitName,
        v.Limit,
        v.Actual,
        v.Unit,
        v.Outcome switch { BudgetOutcome.Passed => "pass", BudgetOutcome.Failed => "fail", BudgetOutcome.Inconclusive => "inconclusive", _ => "not measured" },
        v.Position.Line,
        v.Position.Column,
        v.Detail);
}
