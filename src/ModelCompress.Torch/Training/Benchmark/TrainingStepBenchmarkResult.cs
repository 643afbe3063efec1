namespace ModelCompress.Torch.Training.Benchmark;

/// <summary>
/// Median milliseconds of one training step through the ONNX executor and written directly, their ratio, and the
/// largest logit difference between the two before training (they must compute the same function).
/// </summary>
public sealed record TrainingStepBenchmarkResult(int BatchSize, int Iterations, double ExecutorMs, double DirectMs, double MaxLogitDifference)
{
    /// <summary>Executor time over direct time (goal: at most 1.10).</summary>
    public double Ratio => ExecutorMs / DirectMs;
}
