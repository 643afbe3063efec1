using ModelCompress.Engine.Steps;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// How the engine tells the outside world what it is doing: a console with progress bars, a plain log under
/// MSBuild, or nothing in tests.
/// </summary>
public interface IEngineObserver
{
    void StageStarted(string model, string stage);

    void StageFinished(string model, string stage, TimeSpan duration, bool cacheHit);

    void StepProgress(string model, string stage, StepProgress progress);

    void Diagnostic(Diagnostic diagnostic);
}
