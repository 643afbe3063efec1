using ModelCompress.Engine.Steps;

namespace ModelCompress.Cli.Output;

/// <summary>
/// Passes everything through, rewriting each diagnostic on its way (one-shot commands name options, not lines).
/// Two diagnostics the rewrite made identical (one option feeding two YAML keys) are said once.
/// </summary>
internal sealed class TranslatingObserver(IEngineObserver inner, Func<Diagnostic, Diagnostic> translate) : IEngineObserver
{
    private readonly HashSet<Diagnostic> _said = [];

    public void StageStarted(string model, string stage) => inner.StageStarted(model, stage);

    public void StageFinished(string model, string stage, TimeSpan duration, bool cacheHit) => inner.StageFinished(model, stage, duration, cacheHit);

    public void StepProgress(string model, string stage, StepProgress progress) => inner.StepProgress(model, stage, progress);

    public void Diagnostic(Diagnostic diagnostic)
    {
        var translated = translate(diagnostic);
        lock (_said)
        {
            if (!_said.Add(translated))
            {
                return;
            }
        }

        inner.Diagnostic(translated);
    }
}
