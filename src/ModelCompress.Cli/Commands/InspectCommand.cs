using System.Text.Json;
using ModelCompress.Onnx;

namespace ModelCompress.Cli.Commands;

/// <summary><c>modelcompress inspect model.onnx</c>: signature, op histogram, parameters and sparsity per initializer.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("model") { Description = "An ONNX model file." };
        var json = new Option<bool>("--json") { Description = "Print the statistics as JSON." };
        var command = new Command("inspect", "Describe an ONNX model: inputs, outputs, ops, parameters, sparsity.") { path, json };
        command.SetAction(result =>
        {
            var file = Path.GetFullPath(result.GetValue(path)!);
            if (ModelFile.LoadOrReport(file) is not { } model)
            {
                return ExitCodes.Failed;
            }

            var stats = ModelStatistics.Compute(model);
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(stats, new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Success;
            }

            Print(file, stats);
            PrintMacs(ModelCompress.Onnx.Metrics.MacCounter.Count(model));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(string file, ModelStatistics s)
    {
        var w = Console.Out;
        w.WriteLine($"{file}");
        w.WriteLine($"  IR {s.IrVersion}, producer '{s.Producer}', opsets {string.Join(", ", s.Opsets.Select(o => $"{o.OpType} {o.Count}"))}");
        foreach (var input in s.Inputs)
        {
            w.WriteLine($"  input  {input}");
        }

        foreach (var output in s.Outputs)
        {
            w.WriteLine($"  output {output}");
        }

        w.WriteLine($"  nodes {s.NodeCount}: {string.Join(", ", s.OpHistogram.Select(o => $"{o.OpType} {o.Count}"))}");
        w.WriteLine($"  parameters {s.ParameterCount}, non-zero {s.NonZeroParameterCount}, sparsity {Pct(s.Sparsity)}");
        foreach (var i in s.Initializers)
        {
            w.WriteLine($"    {i.Name} {i.DataType} [{string.Join("x", i.Dims)}] {i.Elements} elements, sparsity {Pct(i.Sparsity)}{(i.IsParameter ? "" : " (not a parameter)")}");
        }
    }

    private static void PrintMacs(ModelCompress.Onnx.Metrics.ComputeCost cost)
    {
        var w = Console.Out;
        w.WriteLine($"  MACs per sample {cost.Macs}, FLOPs {cost.Flops} (symbolic batch as 1){(cost.IsComplete ? "" : $"; not counted: {string.Join(", ", cost.Uncounted)}")}");
        foreach (var layer in cost.Layers.Where(l => l.Macs > 0))
        {
            w.WriteLine($"    {layer.Node} {layer.OpType} {layer.Macs} MACs");
        }
    }

    private static string Pct(double value) => (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
