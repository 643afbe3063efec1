namespace ModelCompress.Torch.Training;

/// <summary>
/// Puts libtorch in a reproducible state: seeded generator and a fixed thread count (CPU reductions split by
/// thread count, so results depend on it). TorchSharp 0.107 marks use_deterministic_algorithms "not implemented"
/// (obsolete as an error), so it cannot be called; the CPU kernels used here are deterministic at a fixed count.
/// </summary>
internal static class TorchDeterminism
{
    public static void Apply(int seed, int threads)
    {
        torch.set_num_threads(Math.Max(1, threads));
        torch.manual_seed(seed);
    }
}
