using System.Globalization;
using ModelCompress.Engine.Reporting;

namespace ModelCompress.Torch.Training;

/// <summary>What training did: every epoch, the epoch whose weights were kept, and whether it stopped early.</summary>
public sealed record TrainingReport(IReadOnlyList<EpochRecord> Epochs, int BestEpoch, double BestAccuracy, bool StoppedEarly, long Steps, string Metric)
{
    /// <summary>The report as facts (no wall times, so facts are the same on every run).</summary>
    public IReadOnlyList<StepFact> ToFacts()
    {
        var facts = new List<StepFact>
        {
            new("epochs run", Epochs.Count.ToString(CultureInfo.InvariantCulture)),
            new("optimizer steps", Steps.ToString(CultureInfo.InvariantCulture)),
            new("best epoch", BestEpoch.ToString(CultureInfo.InvariantCulture)),
            new($"best validation {Metric}", F(BestAccuracy)),
            new("stopped early", StoppedEarly ? "yes (target reached)" : "no"),
        };
        facts.AddRange(Epochs.Select(e => EpochFact.Create(e.Epoch, e.Loss, Metric, e.Accuracy)));
        return facts;
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
