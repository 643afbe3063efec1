using ModelCompress.Engine.Steps;

namespace ModelCompress.Engine.Pipeline;

/// <summary>An observer that ignores everything (tests, library use).</summary>
public sealed class NullEngineObserver : IEngineObserver
{
    public static NullEngineObserver Instance { get; } = new();

    public void StageStarted(string model, string stage)
    {
    }

    public void StageFinished(string model, string stage, TimeSpan duration, bool cacheHit)
    {
    }

    public void StepProgress(string model, string stage, StepProgress progress)
    {
    }

    public void Diagnostic(Diagnostic diagnostic)
    {
    }
}
