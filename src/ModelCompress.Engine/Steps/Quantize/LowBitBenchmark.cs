using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using ModelCompress.Engine.Steps.Quantize.Fp16;
using ModelCompress.Engine.Steps.Quantize.WeightOnly;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// <c>modelcompress bench lowbit</c>: the float model against its fp16 and weight-only forms in ONNX Runtime (CPU,
/// batch 1, one thread), latency interleaved in rounds (each round times every variant in turn, so drift on a
/// noisy machine hits all of them), plus arg-max agreement with float32 over the given rows and the file size.
/// Figures only; nothing is asserted.
/// </summary>
public static class LowBitBenchmark
{
    /// <summary>Builds the variants of <paramref name="model"/> and measures them.</summary>
    /// <param name="model">A model with one float32 data input.</param>
    /// <param name="rows">Sample rows for the input, each of the input's shape with batch 1.</param>
    /// <param name="rounds">Interleaved rounds.</param>
    /// <param name="iterations">Timed runs per variant per round (after 20 warm-up runs).</param>
    public static IReadOnlyList<LowBitVariant> Run(OnnxModel model, IReadOnlyList<float[]> rows, int rounds, int iterations)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        var input = model.Graph.DataInputs[0];
        var shape = input.Type!.Dims!.Select((d, i) => d.Value ?? 1L).ToArray();
        var variants = Variants(model).ToList();
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        var sessions = variants.Select(v => new InferenceSession(v.Bytes, options)).ToArray();
        try
        {
            var outputs = sessions.Select(s => rows.Select(r => Infer(s, input.Name, r, shape)).ToArray()).ToArray();
            var times = new List<double>[variants.Count];
            for (var v = 0; v < variants.Count; v++)
            {
                times[v] = [];
            }

            for (var round = 0; round < rounds; round++)
            {
                for (var v = 0; v < variants.Count; v++)
                {
                    times[v].Add(P50(sessions[v], input.Name, rows, shape, iterations));
                }
            }

            return variants.Select((v, i) => new LowBitVariant(v.Name, v.Bytes.LongLength, Agreement(outputs[0], outputs[i]),
                outputs[0].Zip(outputs[i], RelativeError).Max(), times[i],
                Median(times[i].Zip(times[0], (a, b) => b / a).ToList()))).ToArray();
        }
        finally
        {
            foreach (var session in sessions)
            {
                session.Dispose();
            }
        }
    }

    /// <summary>x [1, hidden] → MatMul [hidden, ffn] → Relu → MatMul [ffn, hidden]: a feed-forward block whose weights dominate.</summary>
    public static OnnxModel FeedForward(int hidden, int ffn, int seed)
    {
        var graph = new GraphProto { Name = "feed_forward" };
        graph.Input.Add(new ValueInfoProto { Name = "x", Type = OnnxTensorType.Of(OnnxDataType.Float, 1, hidden).ToProto() });
        graph.Output.Add(new ValueInfoProto { Name = "y", Type = new OnnxTensorType(OnnxDataType.Float, null).ToProto() });
        var model = new OnnxModel(new ModelProto { IrVersion = 8, Graph = graph });
        model.SetOpsetVersion(string.Empty, 13);
        var random = new Random(seed);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5) * 0.1f).ToArray();
        model.Graph.SetInitializer(OnnxTensor.FromFloats("w1", [hidden, ffn], Values(hidden * ffn)));
        model.Graph.SetInitializer(OnnxTensor.FromFloats("w2", [ffn, hidden], Values(hidden * ffn)));
        model.Graph.AddNode(OnnxNode.Create("MatMul", "up", ["x", "w1"], ["h"]));
        model.Graph.AddNode(OnnxNode.Create("Relu", "act", ["h"], ["r"]));
        model.Graph.AddNode(OnnxNode.Create("MatMul", "down", ["r", "w2"], ["y"]));
        return model;
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Variants(OnnxModel model)
    {
        yield return ("fp32", model.ToBytes());
        yield return ("fp16", new Fp16Converter(new Fp16Options(true, [], [])).Convert(model).Model.ToBytes());
        if (!model.Graph.Nodes.Any(n => n.OpType is "MatMul" or "Gemm"))
        {
            yield break;
        }

        foreach (var (name, bits, level) in new[] { ("int4", 4, 0), ("int4 acc4", 4, 4), ("int8", 8, 0), ("int8 acc4", 8, 4) })
        {
            yield return (name, new WeightOnlyQuantizer(new WeightOnlyOptions(bits, 32, true, level, [], [])).Quantize(model).Model.ToBytes());
        }
    }

    private static float[] Infer(InferenceSession session, string name, float[] row, long[] shape)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(row, shape);
        using var outputs = session.Run(new RunOptions(), [name], [value], [session.OutputNames[0]]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static double P50(InferenceSession session, string name, IReadOnlyList<float[]> rows, long[] shape, int iterations)
    {
        var values = rows.Take(64).Select(r => OrtValue.CreateTensorValueFromMemory(r, shape)).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            var outputName = new[] { session.OutputNames[0] };
            var times = new double[iterations];
            for (var i = -20; i < iterations; i++)
            {
                var start = Stopwatch.GetTimestamp();
                using var result = session.Run(runOptions, [name], [values[(i + 20) % values.Length]], outputName);
                if (i >= 0)
                {
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }

            return Median(times);
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    // Arg-max over the last axis of each output, compared row by row with float32's.
    private static double Agreement(float[][] reference, float[][] candidate)
    {
        int same = 0, total = 0;
        for (var r = 0; r < reference.Length; r++)
        {
            var width = reference[r].Length;
            same += ArgMax(reference[r].AsSpan(0, width)) == ArgMax(candidate[r].AsSpan(0, width)) ? 1 : 0;
            total++;
        }

        return (double)same / total;
    }

    // ||b − a|| / ||a|| for one row's output.
    private static double RelativeError(float[] a, float[] b)
    {
        double diff = 0, norm = 0;
        for (var i = 0; i < a.Length; i++)
        {
            diff += (double)(b[i] - a[i]) * (b[i] - a[i]);
            norm += (double)a[i] * a[i];
        }

        return norm > 0 ? Math.Sqrt(diff / norm) : Math.Sqrt(diff);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
