using ModelCompress.Engine.Data;
using ModelCompress.Engine.Steps.Quantize;
using ModelCompress.Onnx;

namespace ModelCompress.Cli.Commands;

/// <summary>
/// <c>modelcompress bench lowbit [model.onnx] [--data x.npz --array x_test]</c>: float32 vs fp16 vs weight-only
/// int4/int8 in ONNX Runtime, interleaved rounds. Without a model, a generated feed-forward block
/// (<c>--hidden</c>, <c>--ffn</c>); without data, seeded random rows. Prints figures only.
/// </summary>
internal static class LowBitBenchCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("model") { Description = "Model with one float32 input (default: a generated feed-forward block).", Arity = ArgumentArity.ZeroOrOne };
        var data = new Option<string?>("--data") { Description = ".npz holding sample rows for the input." };
        var array = new Option<string>("--array") { Description = "Array name in --data.", DefaultValueFactory = _ => "x_test" };
        var count = new Option<int>("--rows") { Description = "Rows used for agreement (and the first 64 for timing).", DefaultValueFactory = _ => 200 };
        var rounds = new Option<int>("--rounds") { Description = "Interleaved rounds.", DefaultValueFactory = _ => 3 };
        var iterations = new Option<int>("--iterations") { Description = "Timed runs per variant per round.", DefaultValueFactory = _ => 200 };
        var hidden = new Option<int>("--hidden") { Description = "Generated block: hidden size.", DefaultValueFactory = _ => 1024 };
        var ffn = new Option<int>("--ffn") { Description = "Generated block: inner size.", DefaultValueFactory = _ => 4096 };
        var command = new Command("lowbit", "float32 vs fp16 vs weight-only int4/int8 in ONNX Runtime (CPU, batch 1, 1 thread).")
        {
            path, data, array, count, rounds, iterations, hidden, ffn,
        };
        command.SetAction(result =>
        {
            var file = result.GetValue(path);
            var model = file is null ? LowBitBenchmark.FeedForward(result.GetValue(hidden), result.GetValue(ffn), 0) : OnnxModel.Load(Path.GetFullPath(file));
            var rows = Rows(model, result.GetValue(data), result.GetValue(array)!, result.GetValue(count));
            var variants = LowBitBenchmark.Run(model, rows, result.GetValue(rounds), result.GetValue(iterations));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{file ?? $"feed-forward {result.GetValue(hidden)}x{result.GetValue(ffn)}"}: {rows.Count} rows, batch 1, 1 thread, {result.GetValue(rounds)} rounds x {result.GetValue(iterations)} runs"));
            foreach (var v in variants)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{v.Name,-10} size {v.Bytes,10} B ({(double)v.Bytes / variants[0].Bytes:0.000}x)  agreement {v.Agreement:0.0000}  max rel. error {v.RelativeError:0.0000}  p50 per round {string.Join(" / ", v.P50s.Select(p => p.ToString("0.000", CultureInfo.InvariantCulture)))} ms  speed-up {v.SpeedUp:0.00}x"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static List<float[]> Rows(OnnxModel model, string? data, string array, int count)
    {
        var dims = model.Graph.DataInputs[0].Type!.Dims!.Select(d => d.Value ?? 1L).ToArray();
        var width = (int)dims.Aggregate(1L, (a, b) => a * b);
        if (data is null)
        {
            var random = new Random(0);
            return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, width).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray()).ToList();
        }

        using var npz = NpzReader.Open(Path.GetFullPath(data));
        var values = npz.Read(array).ToFloat32();
        return Enumerable.Range(0, Math.Min(count, values.Length / width)).Select(r => values.AsSpan(r * width, width).ToArray()).ToList();
    }
}
