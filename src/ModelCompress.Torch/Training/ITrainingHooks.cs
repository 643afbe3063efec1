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

    /// <summary>
    /// After the last step of <paramref name="epoch"/>, before it is validated, when epochs remain: a model that
    /// computes what the current one does and trains in its place from here on (gradual channel pruning hands out
    /// the network with its masked channels cut), or null to keep training the current one. The trainer gives it a
    /// fresh optimizer and keeps the step count, so the learning-rate schedule runs on; the objective is not
    /// prepared again (feature projections keep their widths). Only before the first final epoch.
    /// </summary>
    TrainableModel? ReplaceModel(int epoch) => null;
}
