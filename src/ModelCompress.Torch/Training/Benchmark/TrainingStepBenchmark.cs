using System.Diagnostics;
using ModelCompress.Onnx;

namespace ModelCompress.Torch.Training.Benchmark;

/// <summary>
/// One training step (forward, cross-entropy, backward, Adam step) of the digits CNN through <see cref="OnnxModule"/>
/// vs the same network written with torch.nn, interleaved in one run so both see the same machine state.
/// For a CLI command (e.g. <c>modelcompress bench-train digits_cnn.onnx</c>); not a test.
/// </summary>
public static class TrainingStepBenchmark
{
    /// <summary>Measures <paramref name="iterations"/> steps of each after a warm-up, on <paramref name="threads"/> threads.</summary>
    public static TrainingStepBenchmarkResult Run(string onnxPath, int batchSize = 64, int iterations = 200, int threads = 1)
    {
        var model = OnnxModel.Load(onnxPath);
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        using var executor = new OnnxModule(model.Proto);
        using var direct = new DigitsCnnDirect(model);
        using var input = torch.rand(batchSize, 1, 8, 8);
        using var labels = torch.randint(0, 10, [batchSize]);
        using var executorOpt = optim.Adam(executor.parameters(), 1e-3);
        using var directOpt = optim.Adam(direct.parameters(), 1e-3);
        var feed = new Dictionary<string, Tensor> { ["input"] = input };
        double difference;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            // Same network, same weights: the comparison is only fair if the outputs agree.
            difference = (executor.forward(feed)["logits"] - direct.forward(feed)["logits"]).abs().max().item<float>();
        }

        for (var i = 0; i < 20; i++)
        {
            Step(executor, executorOpt, feed, labels);
            Step(direct, directOpt, feed, labels);
        }

        var a = new double[iterations];
        var b = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            // Alternate which goes first, so neither always runs on a warmer cache.
            if (i % 2 == 0)
            {
                a[i] = Step(executor, executorOpt, feed, labels);
                b[i] = Step(direct, directOpt, feed, labels);
            }
            else
            {
                b[i] = Step(direct, directOpt, feed, labels);
                a[i] = Step(executor, executorOpt, feed, labels);
            }
        }

        return new TrainingStepBenchmarkResult(batchSize, iterations, Median(a), Median(b), difference);
    }

    private static double Step(GraphModule module, optim.Optimizer optimizer, Dictionary<string, Tensor> feed, Tensor labels)
    {
        var watch = Stopwatch.StartNew();
        using (torch.NewDisposeScope())
        {
            module.train();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(module.forward(feed)["logits"], labels);
            loss.backward();
            optimizer.step();
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
