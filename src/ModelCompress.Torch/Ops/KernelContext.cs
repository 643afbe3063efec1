namespace ModelCompress.Torch.Ops;

/// <summary>What a kernel may know about the run: train or eval mode (BatchNormalization, Dropout).</summary>
internal sealed class KernelContext
{
    public static readonly KernelContext Eval = new(training: false);

    public static readonly KernelContext Train = new(training: true);

    private KernelContext(bool training) => Training = training;

    public bool Training { get; }
}
