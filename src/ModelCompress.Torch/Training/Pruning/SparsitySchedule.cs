namespace ModelCompress.Torch.Training.Pruning;

/// <summary>
/// Zhu &amp; Gupta's cubic ramp, s_t = s_f + (s_i − s_f)(1 − t/n)³: sparsity rises fast while the network has
/// redundant weights and slowly as it nears the target, reached at step n and held afterwards.
/// </summary>
public sealed record SparsitySchedule(double Initial, double Final, long RampSteps)
{
    /// <summary>The sparsity to hold after optimizer step <paramref name="step"/> (0-based).</summary>
    public double At(long step)
    {
        if (RampSteps <= 0 || step + 1 >= RampSteps)
        {
            return Final;
        }

        var remaining = 1.0 - ((double)(step + 1) / RampSteps);
        return Final + ((Initial - Final) * remaining * remaining * remaining);
    }

    /// <summary>
    /// The epochs the ramp spans: the first half (at least one), so the other half fine-tunes at the final sparsity
    /// (only those epochs are candidates for the best epoch). 3 epochs: ramp over 1, recover for 2; with few
    /// optimizer steps, recovery time matters more than a slow ramp (90 % on the digits CNN: 0.974 with a
    /// 2-epoch ramp, see ResultsTests for the 1-epoch figure).
    /// </summary>
    public static int RampEpochs(int epochs) => Math.Max(1, epochs / 2);
}
