using Microsoft.ML.OnnxRuntime;
using ModelCompress.Onnx;

namespace ModelCompress.Cli.Tests.Support;

/// <summary>
/// A project holding one <see cref="ExporterModels"/> model as models/exported.onnx, its data (the digits splits in the
/// layout and with the extra inputs that exporter's model takes) as data/exported.npz, and a config running given steps.
/// </summary>
internal sealed class ExporterProject : IDisposable
{
    private static readonly string[] Splits = ["test", "calib", "train"];

    public ExporterProject(string exporter, string steps)
    {
        Exporter = exporter;
        Original = ExporterModels.Create(exporter);
        Original.Save(Project.PathOf("models/exported.onnx"));
        Arrays = DataArrays(exporter);
        NpzWriter.Write(Project.PathOf("data/exported.npz"), Arrays);
        Project.WriteConfig(Config(steps));
    }

    public string Exporter { get; }

    public TempProject Project { get; } = new();

    public OnnxModel Original { get; }

    public Dictionary<string, (long[] Shape, Array Data)> Arrays { get; }

    public string OutputModel => Path.Combine(Project.OutputDir, "m.onnx");

    /// <summary>Model input name → array base name (suffixed _test, _calib, _train).</summary>
    public IReadOnlyDictionary<string, string> Bindings => Exporter switch
    {
        _ when Exporter.StartsWith("paddle", StringComparison.Ordinal) => new Dictionary<string, string> { ["image"] = "x", ["scale_factor"] = "s" },
        ExporterModels.Dynamic => new Dictionary<string, string> { ["pixels"] = "x", ["side"] = "side" },
        _ => new Dictionary<string, string> { ["input_1:0"] = "x" },
    };

    /// <summary>Every output of the model for every test row, in ONNX Runtime (CPU, one thread), in batches of the model's fixed batch size if it has one.</summary>
    public IReadOnlyList<float[]> RunTest(OnnxModel model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model.ToBytes(), options);
        var names = Bindings.Keys.ToArray();
        var outputNames = model.Graph.Outputs.Select(o => o.Name).ToArray();
        var rows = (int)Arrays["y_test"].Shape[0];
        var batch = model.Graph.Inputs[0].Type?.Dims?[0].Value is { } fixedSize ? (int)fixedSize : rows;
        var results = outputNames.Select(_ => new List<float>()).ToArray();
        for (var start = 0; start < rows; start += batch)
        {
            var inputs = names.Select(n => Rows(Arrays[Bindings[n] + "_test"], start, batch)).ToArray();
            try
            {
                using var runOptions = new Microsoft.ML.OnnxRuntime.RunOptions();
                using var outputs = session.Run(runOptions, names, inputs, outputNames);
                for (var i = 0; i < outputNames.Length; i++)
                {
                    results[i].AddRange(outputs[i].GetTensorDataAsSpan<float>().ToArray());
                }
            }
            finally
            {
                foreach (var input in inputs)
                {
                    input.Dispose();
                }
            }
        }

        return results.Select(r => r.ToArray()).ToList();
    }

    /// <summary>Top-1 of the first output against y_test.</summary>
    public double Accuracy(float[] firstOutput) => Agreement(firstOutput, (long[])Arrays["y_test"].Data);

    /// <summary>Share of rows whose argmax over 10 classes equals the label (or the other model's argmax).</summary>
    public static double Agreement(float[] scores, long[] labels)
    {
        var correct = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            correct += ArgMax(scores.AsSpan(row * 10, 10)) == labels[row] ? 1 : 0;
        }

        return (double)correct / labels.Length;
    }

    public static long[] ArgMaxes(float[] scores) => Enumerable.Range(0, scores.Length / 10).Select(r => (long)ArgMax(scores.AsSpan(r * 10, 10))).ToArray();

    public void Dispose() => Project.Dispose();

    private static OrtValue Rows((long[] Shape, Array Data) array, int start, int count)
    {
        var data = (float[])array.Data;
        var rowSize = (int)(data.LongLength / array.Shape[0]);
        var shape = (long[])array.Shape.Clone();
        shape[0] = count;
        return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(data, start * rowSize, count * rowSize), shape);
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            best = row[c] > row[best] ? c : best;
        }

        return best;
    }

    private string Config(string steps)
    {
        string Map(string split) => "{ " + string.Join(", ", Bindings.Select(b => $"\"{b.Key}\": {b.Value}_{split}")) + " }";
        return $$"""
            version: 1
            models:
              m:
                source: models/exported.onnx
                data:
                  path: data/exported.npz
                  inputs: {{Map("test")}}
                  labels: y_test
                  calibration: {{Map("calib")}}
                  train: { inputs: {{Map("train")}}, labels: y_train }
                  validation: { inputs: {{Map("calib")}}, labels: y_calib }
                steps:
            {{string.Join("\n", steps.Split('\n').Select(l => "      " + l.TrimEnd('\r')))}}
                evaluation: { iterations: 5, warmup: 1 }

            """;
    }

    // The digits splits; NHWC for tf2onnx (C = 1, so the same values), plus the side inputs the other models take.
    private Dictionary<string, (long[] Shape, Array Data)> DataArrays(string exporter)
    {
        var digits = NpzWriter.ReadAll(Project.PathOf("data/digits.npz"));
        var arrays = new Dictionary<string, (long[] Shape, Array Data)>(StringComparer.Ordinal);
        var random = new Random(11);
        foreach (var split in Splits)
        {
            var (shape, x) = digits["x_" + split];
            var rows = shape[0];
            arrays["y_" + split] = digits["y_" + split];
            arrays["x_" + split] = exporter.StartsWith("tf2onnx", StringComparison.Ordinal) ? ([rows, 8, 8, 1], x) : (shape, x);
            if (exporter.StartsWith("paddle", StringComparison.Ordinal))
            {
                arrays["s_" + split] = ([rows, 1], Enumerable.Repeat(1f, (int)rows).ToArray());
            }
            else if (exporter == ExporterModels.Dynamic)
            {
                arrays["side_" + split] = ([rows, 4], Enumerable.Range(0, (int)rows * 4).Select(_ => (float)random.NextDouble()).ToArray());
            }
        }

        return arrays;
    }
}
