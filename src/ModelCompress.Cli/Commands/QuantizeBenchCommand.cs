using ModelCompress.Engine.Config;
using ModelCompress.Engine.Steps.Quantize;
using ModelCompress.Engine.Steps.Quantize.Calibration;

namespace ModelCompress.Cli.Commands;

/// <summary>
/// <c>modelcompress bench quantize model.onnx --data digits.npz</c>: static int8 vs float in ONNX Runtime, batch 1,
/// interleaved rounds in one process; also calibration time and peak memory. Prints figures only.
/// </summary>
internal static class QuantizeBenchCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("model") { Description = "The float ONNX model (one input)." };
        var data = new Option<string>("--data") { Description = "An .npz file with the arrays below.", Required = true };
        var calib = new Option<string>("--calibration") { Description = "Calibration array.", DefaultValueFactory = _ => "x_calib" };
        var eval = new Option<string>("--eval") { Description = "Evaluation array (latency rows and top-1).", DefaultValueFactory = _ => "x_test" };
        var labels = new Option<string?>("--labels") { Description = "Labels of the evaluation array, for top-1.", DefaultValueFactory = _ => "y_test" };
        var method = new Option<string>("--method") { Description = "minmax, percentile or entropy.", DefaultValueFactory = _ => "minmax" };
        var samples = new Option<int?>("--samples") { Description = "Calibration rows (repeated when the array holds fewer)." };
        var rounds = new Option<int>("--rounds") { Description = "Interleaved rounds.", DefaultValueFactory = _ => 5 };
        var iterations = new Option<int>("--iterations") { Description = "Timed runs per model per round.", DefaultValueFactory = _ => 200 };
        var threads = new Option<int>("--threads") { Description = "ORT intra-op threads.", DefaultValueFactory = _ => 1 };
        var command = new Command("quantize", "Static int8 (QDQ) vs float latency and top-1 in ONNX Runtime.")
        {
            path, data, calib, eval, labels, method, samples, rounds, iterations, threads,
        };
        command.SetAction(result =>
        {
            var calibration = new CalibrationOptions(Method(result.GetValue(method)!), Samples: result.GetValue(samples));
            var r = QuantizeBenchmark.Run(Path.GetFullPath(result.GetValue(path)!), Path.GetFullPath(result.GetValue(data)!),
                (result.GetValue(calib)!, result.GetValue(eval)!, result.GetValue(labels)), calibration,
                (result.GetValue(rounds), result.GetValue(iterations), result.GetValue(threads)));
            var c = CultureInfo.InvariantCulture;
            Console.Out.WriteLine(string.Create(c, $"calibration: {r.CalibrationRows} rows, {calibration.Method}, {r.CalibrationMs:0} ms (float inference of the same rows {r.FloatInferenceMs:0} ms), peak working set {r.PeakWorkingSetBytes / (1024.0 * 1024.0):0.0} MiB"));
            Console.Out.WriteLine(string.Create(c, $"calibration per round (ms): [{string.Join(", ", r.CalibrationRoundsMs.Select(v => v.ToString("0", c)))}], float inference [{string.Join(", ", r.FloatInferenceRoundsMs.Select(v => v.ToString("0", c)))}]; calibration / (1.5 x float + 1 s), median {r.CalibrationBudgetRatio:0.000} (target <= 1)"));
            Console.Out.WriteLine(string.Join(", ", r.Fusion));
            Console.Out.WriteLine(string.Create(c, $"top-1: float {r.FloatTop1:0.0000}, int8 {r.Int8Top1:0.0000}"));
            Console.Out.WriteLine(string.Create(c, $"p50 per round (ms): float [{string.Join(", ", r.FloatP50Ms.Select(v => v.ToString("0.000", c)))}], int8 [{string.Join(", ", r.Int8P50Ms.Select(v => v.ToString("0.000", c)))}]"));
            Console.Out.WriteLine(string.Create(c, $"p50 (median of rounds): float {r.FloatP50:0.000} ms, int8 {r.Int8P50:0.000} ms, speed-up {r.Speedup:0.00}x"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static CalibrationMethod Method(string text) => text.ToLowerInvariant() switch
    {
        "percentile" => CalibrationMethod.Percentile,
        "entropy" => CalibrationMethod.Entropy,
        "minmax" => CalibrationMethod.MinMax,
        _ => throw new ArgumentException($"Unknown calibration method '{text}' (minmax, percentile, entropy)."),
    };
}
