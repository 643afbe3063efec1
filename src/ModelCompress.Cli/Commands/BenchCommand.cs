using ModelCompress.Torch.Training.Benchmark;

namespace ModelCompress.Cli.Commands;

/// <summary>
/// <c>modelcompress bench train-step model.onnx</c>: one training step (forward, backward, Adam; batch 64) through the
/// ONNX executor vs the same network written directly in TorchSharp, interleaved in one run. Prints figures only.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("model") { Description = "The digits CNN (the direct TorchSharp twin is written for it)." };
        var iterations = new Option<int>("--iterations") { Description = "Timed steps per side.", DefaultValueFactory = _ => 200 };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
        CommonOptions.AtLeast(iterations, 1);
        CommonOptions.AtLeast(threads, 1);
        var trainStep = new Command("train-step", "Training step through the executor vs a hand-written TorchSharp module.") { path, iterations, threads };
        trainStep.SetAction(result =>
        {
            var file = Path.GetFullPath(result.GetValue(path)!);
            try
            {
                // Loaded here first so a missing, device or damaged file is its MC3xxx, not a crash in the benchmark.
                EvalCommand.Load(file);
            }
            catch (Engine.Diagnostics.CompressionException e)
            {
                e.Diagnostics.ToList().ForEach(d => Console.Error.WriteLine(d.ToCanonical()));
                return ExitCodes.Failed;
            }

            var r = TrainingStepBenchmark.Run(file, 64, result.GetValue(iterations), Math.Min(result.GetValue(threads), Environment.ProcessorCount));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"batch {r.BatchSize}, {r.Iterations} steps each: executor {r.ExecutorMs:0.000} ms, direct {r.DirectMs:0.000} ms, ratio {r.Ratio:0.000} (max logit difference {r.MaxLogitDifference:G3})"));
            return ExitCodes.Success;
        });
        return new Command("bench", "Benchmarks that print figures.") { trainStep, LatencyBenchCommand.Create(), LowBitBenchCommand.Create(), QuantizeBenchCommand.Create() };
    }
}
