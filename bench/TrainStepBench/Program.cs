using System.Globalization;
using ModelCompress.Torch.Training.Benchmark;

// Usage: dotnet run -c Release --project bench/TrainStepBench [model.onnx] [threads]
var path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tests", "TestData", "digits", "digits_cnn.onnx");
var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var result = TrainingStepBenchmark.Run(Path.GetFullPath(path), threads: threads);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"one training step, batch {result.BatchSize}, {threads} thread(s), median of {result.Iterations}: executor {result.ExecutorMs:0.000} ms, direct {result.DirectMs:0.000} ms, ratio {result.Ratio:0.000} (goal <= 1.10); logits differ by at most {result.MaxLogitDifference:0.0e0}"));
