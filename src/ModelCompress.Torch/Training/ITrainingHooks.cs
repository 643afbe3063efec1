namespace ModelCompress.Torch.Training;

/// <summary>Points where a method that trains (gradual pruning) acts inside the loop.</summary>
public interface ITrainingHooks
{
    /// <summary>After backward, before the optimizer step: gradients are there (Taylor importance reads them).</summary>
    void AfterBackward(long step);

    /// <summary>After the optimizer step (masks are re-applied here).</summary>
    void AfterStep(long step);

    /// <summary>Whether the model after <paramref name="epoch"/> (1-based) may be kept as the best or end training early.</summary>
    bool IsFinal(int epoch);
}
