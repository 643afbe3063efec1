using ModelCompress.Engine.Evaluation;

namespace ModelCompress.Cli.Commands;

/// <summary>
/// <c>modelcompress bench latency original.onnx compressed.onnx</c>: ONNX Runtime batch-1 latency of two models in
/// alternating rounds in one run; prints each p50, the ratio and the file sizes. Figures only, no verdict.
/// </summary>
internal static class LatencyBenchCommand
{
    public static Command Create()
    {
        var baseline = new Argument<string>("baseline") { Description = "The reference model (e.g. the original)." };
        var candidate = new Argument<string>("candidate") { Description = "The model compared with it." };
        var rounds = new Option<int>("--rounds") { Description = "Alternating rounds.", DefaultValueFactory = _ => 5 };
        var iterations = new Option<int>("--iterations") { Description = "Timed runs per model per round.", DefaultValueFactory = _ => 200 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up runs per model per round.", DefaultValueFactory = _ => 20 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads.", DefaultValueFactory = _ => 1 };
        CommonOptions.AtLeast(rounds, 1);
        CommonOptions.AtLeast(iterations, 1);
        var command = new Command("latency", "ORT batch-1 latency of two models, interleaved: both p50s and their ratio.")
        {
            baseline, candidate, rounds, iterations, warmup, threads,
        };
        command.SetAction(result =>
        {
            var (a, b) = (Path.GetFullPath(result.GetValue(baseline)!), Path.GetFullPath(result.GetValue(candidate)!));
            var options = new EvaluationOptions(result.GetValue(warmup), result.GetValue(iterations), result.GetValue(threads), "cpu", 1);
            var r = AlternatingLatency.Measure(ModelSource.FromFile(a), ModelSource.FromFile(b), result.GetValue(rounds), options);
            var inv = CultureInfo.InvariantCulture;
            foreach (var (round, i) in r.Rounds.Select((x, i) => (x, i)))
            {
                Console.Out.WriteLine(string.Create(inv, $"round {i + 1}: baseline p50 {round.Baseline:0.0000} ms, candidate p50 {round.Candidate:0.0000} ms, ratio {round.Baseline / round.Candidate:0.00}"));
            }

            var (sa, sb) = (new FileInfo(a).Length, new FileInfo(b).Length);
            Console.Out.WriteLine(string.Create(inv,
                $"baseline p50 {r.BaselineP50:0.0000} ms, candidate p50 {r.CandidateP50:0.0000} ms, speed-up {r.Speedup:0.00}x (median of round ratios {r.MedianRoundSpeedup:0.00}x); size {sa} -> {sb} bytes ({(double)sa / sb:0.00}x smaller)"));
            return ExitCodes.Success;
        });
        return command;
    }
}
