using ModelCompress.Engine.Steps;
using Spectre.Console;

namespace ModelCompress.Cli.Output;

/// <summary>Progress bars for a person at a terminal: one bar per stage, filled by the stage's own progress notes.</summary>
internal sealed class ProgressObserver(ProgressContext context) : IEngineObserver
{
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void StageStarted(string model, string stage)
    {
        lock (_gate)
        {
            _tasks[Key(model, stage)] = context.AddTask(Markup.Escape($"{model}: {stage}"), maxValue: 1.0).IsIndeterminate();
        }
    }

    public void StageFinished(string model, string stage, TimeSpan duration, bool cacheHit)
    {
        lock (_gate)
        {
            if (_tasks.TryGetValue(Key(model, stage), out var task))
            {
                task.Description = Markup.Escape($"{model}: {stage} {duration.TotalSeconds:0.00} s{(cacheHit ? " (cached)" : "")}");
                task.IsIndeterminate(false);
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }

    public void StepProgress(string model, string stage, StepProgress progress)
    {
        lock (_gate)
        {
            if (_tasks.TryGetValue(Key(model, stage), out var task))
            {
                task.Description = Markup.Escape($"{model}: {stage}: {progress.Message}");
                if (progress.Fraction is { } fraction)
                {
                    task.IsIndeterminate(false);
                    task.Value = Math.Clamp(fraction, 0, 1);
                }
            }
        }
    }

    public void Diagnostic(Diagnostic diagnostic)
    {
        var color = diagnostic.Severity == DiagnosticSeverity.Error ? "red" : "yellow";
        AnsiConsole.MarkupLine($"[{color}]{Markup.Escape(diagnostic.ToCanonical())}[/]");
    }

    private static string Key(string model, string stage) => model + "\u0000" + stage;
}
