using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using ModelCompress.Engine.Steps.Quantize.Calibration;

namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// The measurement behind the README's static int8 table: calibrate and quantize one model, then time the float
/// and the int8 model in ONNX Runtime (CPU, batch 1, all optimizations) in interleaved rounds in one process, so
/// that machine noise hits both alike. Also times calibration against plain float inference over the same rows
/// and reports the process's peak memory, to show that calibration memory does not grow with the sample count.
/// </summary>
public static class QuantizeBenchmark
{
    /// <summary>Runs the benchmark; all figures in the result.</summary>
    /// <param name="modelPath">The float ONNX model.</param>
    /// <param name="dataPath">An .npz file.</param>
    /// <param name="arrays">Calibration array, evaluation array and labels array names.</param>
    /// <param name="calibration">Calibration method and sample count; rows are repeated when more are asked for than the array holds.</param>
    /// <param name="timing">Rounds, iterations per round and threads.</param>
    public static QuantizeBenchmarkResult Run(string modelPath, string dataPath, (string Calibration, string Eval, string? Labels) arrays,
        CalibrationOptions calibration, (int Rounds, int Iterations, int Threads) timing)
    {
        var model = OnnxModel.Load(modelPath);

        // As in a build: BatchNormalization folded and Constant nodes made initializers before quantizing.
        Prepare.GraphPreparation.Run(model);
        var input = model.Graph.DataInputs[0].Name;
        NdArray calib, eval;
        long[]? labels = null;
        using (var source = ArraySource.Open(dataPath, "npz"))
        {
            calib = Repeat(source.Read(arrays.Calibration).ConvertTo(NdElementType.Float32), calibration.Samples);
            eval = source.Read(arrays.Eval).ConvertTo(NdElementType.Float32);
            labels = arrays.Labels is { } l ? source.Read(l).ToInt64() : null;
        }

        var calibInputs = new Dictionary<string, NdArray> { [input] = calib };
        // Calibration first, so the process's peak memory is that of loading plus calibrating, nothing else.
        var calibrationClock = Stopwatch.StartNew();
        var ranges = Calibrator.Run(model, calibInputs, calibration);
        calibrationClock.Stop();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        List<double> calibrationMs = [calibrationClock.Elapsed.TotalMilliseconds];
        List<double> floatMs = [FloatInference(model, calibInputs, calib.Rows)];
        // Then calibration and plain inference alternate, round by round, so machine noise hits both alike.
        for (var round = 1; round < timing.Rounds; round++)
        {
            calibrationClock.Restart();
            _ = Calibrator.Run(model, calibInputs, calibration);
            calibrationMs.Add(calibrationClock.Elapsed.TotalMilliseconds);
            floatMs.Add(FloatInference(model, calibInputs, calib.Rows));
        }

        var result = new StaticQuantizer(StaticQuantizeOptions.Default).Quantize(model, ranges);
        var fusion = FusionCheck.Count(model, result.Model);
        var evalInputs = new Dictionary<string, NdArray> { [input] = eval };
        var options = new EvaluationOptions(Warmup: 20, Iterations: timing.Iterations, Threads: timing.Threads, Provider: "cpu");
        using var floatSession = OrtSession.Create(model.ToBytes(), "float", options);
        using var int8Session = OrtSession.Create(result.Model.ToBytes(), "int8", options);
        var floatTop1 = Top1(floatSession.Session, evalInputs, eval.Rows, labels);
        var int8Top1 = Top1(int8Session.Session, evalInputs, eval.Rows, labels);
        var floatP50 = new List<double>();
        var int8P50 = new List<double>();
        for (var round = 0; round < timing.Rounds; round++)
        {
            floatP50.Add(LatencyMeter.Measure(floatSession.Session, evalInputs, eval.Rows, options).P50);
            int8P50.Add(LatencyMeter.Measure(int8Session.Session, evalInputs, eval.Rows, options).P50);
        }

        return new QuantizeBenchmarkResult(calib.Rows, floatMs, calibrationMs, peak,
            floatTop1, int8Top1, floatP50, int8P50, fusion, result.Nodes);
    }

    // Plain float inference of the calibration rows, batched as calibration batches them.
    private static double FloatInference(OnnxModel model, Dictionary<string, NdArray> inputs, int rows)
    {
        var clock = Stopwatch.StartNew();
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC };
        using var plain = new InferenceSession(model.ToBytes(), options);
        BatchInference.Run(plain, inputs, rows, ActivationCollector.DefaultBatchSize);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static NdArray Repeat(NdArray array, int? rows)
    {
        if (rows is not { } n || n == array.Rows)
        {
            return rows is { } m && m < array.Rows ? array.SliceRows(0, m) : array;
        }

        var source = (float[])array.Data;
        var rowSize = (int)array.RowSize;
        var data = new float[checked(n * rowSize)];
        for (var r = 0; r < n; r++)
        {
            Array.Copy(source, (r % array.Rows) * rowSize, data, r * rowSize, rowSize);
        }

        var shape = (long[])array.Shape.Clone();
        shape[0] = n;
        return new NdArray(NdElementType.Float32, shape, data);
    }

    private static double? Top1(InferenceSession session, Dictionary<string, NdArray> inputs, int rows, long[]? labels)
    {
        if (labels is null)
        {
            return null;
        }

        var outputs = BatchInference.Run(session, inputs, rows, 64);
        var correct = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = outputs.Values.AsSpan(r * outputs.Width, outputs.Width);
            var best = 0;
            for (var c = 1; c < row.Length; c++)
            {
                best = row[c] > row[best] ? c : best;
            }

            correct += best == labels[r] ? 1 : 0;
        }

        return (double)correct / rows;
    }
}
