namespace ModelCompress.Torch.Tests.Training;

/// <summary>Records how many tensors are alive after each optimizer step.</summary>
internal sealed class LiveTensorProbe : ITrainingHooks
{
    public List<long> LiveAfterStep { get; } = [];

    public void AfterBackward(long step)
    {
    }

    public void AfterStep(long step) => LiveAfterStep.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);

    public bool IsFinal(int epoch) => true;
}
