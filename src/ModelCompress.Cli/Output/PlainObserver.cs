using ModelCompress.Engine.Steps;

namespace ModelCompress.Cli.Output;

/// <summary>
/// Line-per-event output for logs (MSBuild, CI): diagnostics in canonical form so the build relays them with
/// their positions, stage lines as plain text — one per finished stage and one per training epoch
/// (<c>modelcompress: digits: step 2 finetune: finetune: epoch 1/3, loss 0.1234, top1 0.9900, …</c>).
/// Quiet keeps only errors and warnings; detailed adds a line when each stage starts.
/// </summary>
internal sealed class PlainObserver(TextWriter output, Verbosity verbosity = Verbosity.Normal) : IEngineObserver
{
    private readonly Lock _gate = new();

    public void StageStarted(string model, string stage)
    {
        if (verbosity >= Verbosity.Detailed)
        {
            Write($"modelcompress: {model}: {stage} started");
        }
    }

    public void StageFinished(string model, string stage, TimeSpan duration, bool cacheHit)
    {
        if (verbosity >= Verbosity.Normal)
        {
            Write($"modelcompress: {model}: {stage} {duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s{(cacheHit ? " (cached)" : "")}");
        }
    }

    public void StepProgress(string model, string stage, StepProgress progress)
    {
        if (verbosity >= Verbosity.Normal)
        {
            Write($"modelcompress: {model}: {stage}: {progress.Message}");
        }
    }

    public void Diagnostic(Diagnostic diagnostic)
    {
        // Quiet keeps errors and warnings; informational notes (MC4090, say) are progress-level detail.
        if (verbosity > Verbosity.Quiet || diagnostic.Severity != DiagnosticSeverity.Info)
        {
            Write(diagnostic.ToCanonical());
        }
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
