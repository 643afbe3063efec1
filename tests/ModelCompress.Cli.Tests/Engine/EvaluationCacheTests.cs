using ModelCompress.Engine.Steps;

namespace ModelCompress.Cli.Tests.Engine;

/// <summary>Evaluations are cached per machine: an unchanged model is not re-measured, unless --remeasure.</summary>
public sealed class EvaluationCacheTests
{
    private const string WithLatencyBudget = "latency: { percentile: 50, max_ratio: 1000 }";

    [Fact]
    public void Unchanged_model_reuses_its_measurements_and_remeasure_forces_new_ones()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml.Replace("accuracy: { metric: top1, max_drop: 0.02 }", WithLatencyBudget));
        var first = Run(project, remeasure: false);
        var second = Run(project, remeasure: false);
        var forced = Run(project, remeasure: true);

        Assert.Contains(("evaluate original", false), first.Stages);
        Assert.Contains(("evaluate original", true), second.Stages);
        Assert.Contains(("evaluate original", false), forced.Stages);
        var (a, b) = (first.Outcome.Report!.Models[0], second.Outcome.Report!.Models[0]);
        Assert.Equal(a.Original!.Latency, b.Original!.Latency);
        Assert.Equal(a.Compressed!.Latency, b.Compressed!.Latency);
        Assert.Equal(a.Budgets[0].Detail, b.Budgets[0].Detail);
    }

    private static (RunOutcome Outcome, List<(string Stage, bool Hit)> Stages) Run(TempProject project, bool remeasure)
    {
        var observer = new Recorder();
        var options = new RunOptions(project.ConfigPath, project.OutputDir, project.CacheDir, Remeasure: remeasure);
        var outcome = EngineFactory.Create(observer).Run(options);
        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        return (outcome, observer.Stages);
    }

    private sealed class Recorder : IEngineObserver
    {
        public List<(string Stage, bool Hit)> Stages { get; } = [];

        public void StageStarted(string model, string stage)
        {
        }

        public void StageFinished(string model, string stage, TimeSpan duration, bool cacheHit) => Stages.Add((stage, cacheHit));

        public void StepProgress(string model, string stage, StepProgress progress)
        {
        }

        public void Diagnostic(Diagnostic diagnostic)
        {
        }
    }
}
