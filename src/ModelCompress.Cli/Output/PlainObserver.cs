using System.Globalization;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Engine.Pipeline;
using ModelCompress.Engine.Steps;

namespace ModelCompress.Cli.Output;

/// <summary>
/// Line-per-event output for logs (MSBuild, CI): diagnostics in canonical form so the build relays them with
/// their positions, stage lines as plain text.
/// </summary>
internal sealed class PlainObserver(TextWriter output) : IEngineObserver
{
    private readonly Lock _gate = new();

    public void StageStarted(string model, string stage)
    {
    }

    public void StageFinished(string model, string stage, TimeSpan duration, bool cacheHit) =>
        Write($"modelcompress: {model}: {stage} {duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s{(cacheHit ? " (cached)" : "")}");

    public void StepProgress(string model, string stage, StepProgress progress) =>
        Write($"modelcompress: {model}: {stage}: {progress.Message}");

    public void Diagnostic(Diagnostic diagnostic) => Write(diagnostic.ToCanonical());

    private void Write(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
