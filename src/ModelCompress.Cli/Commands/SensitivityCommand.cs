using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelCompress.Cli.Output;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Engine.Data;
using ModelCompress.Engine.IO;
using ModelCompress.Engine.Steps.Channel;
using ModelCompress.Onnx;
using ModelCompress.Torch.Training;

namespace ModelCompress.Cli.Commands;

/// <summary>
/// <c>modelcompress sensitivity model.onnx --data ... [--method magnitude|channel] [--sparsities 0.5,0.8,0.9] [--output dir]</c>:
/// prunes one layer (magnitude) or one channel group (channel, channels physically removed) at a time to each
/// sparsity and measures accuracy, to show which layers can take pruning. Pass calibration or validation data.
/// </summary>
internal static class SensitivityCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("model") { Description = "The ONNX model to analyse." };
        var data = new DataOptions();
        var sparsities = new Option<string>("--sparsities") { Description = "Comma-separated sparsities to try per layer.", DefaultValueFactory = _ => "0.25,0.5,0.75,0.9" };
        var output = new Option<string?>("--output") { Description = "Folder for sensitivity.json and sensitivity.md." };
        var method = new Option<string>("--method") { Description = "magnitude (weights zeroed per layer) or channel (channels removed per group).", DefaultValueFactory = _ => "magnitude" };
        method.AcceptOnlyFromAmong("magnitude", "channel");
        var verbosity = CommonOptions.Verbosity();
        var command = new Command("sensitivity", "Accuracy vs sparsity, one prunable layer or channel group at a time (no fine-tuning).") { path, sparsities, output, method, verbosity };
        data.AddTo(command);
        command.SetAction(result =>
        {
            try
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var model = EvalCommand.Load(Path.GetFullPath(result.GetValue(path)!));
                var dataset = data.Load(result, model)
                    ?? throw new CompressionException(Diagnostic.Error("MC4001", "sensitivity needs --data (and --input, --labels) to measure accuracy."));
                var levels = result.GetValue(sparsities)!.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();
                var report = result.GetValue(method) == "channel" ? Channel(model, dataset, levels) : SensitivityAnalysis.Analyze(model, dataset, levels);
                var markdown = Render(report);
                var level = result.GetValue(verbosity);
                Console.Out.Write(level == Verbosity.Quiet
                    ? string.Create(CultureInfo.InvariantCulture, $"sensitivity: {report.Rows.Select(r => r.Node).Distinct().Count()} layers, {levels.Count} sparsities, baseline {report.Metric} {report.Baseline:0.0000}\n")
                    : markdown);
                if (level == Verbosity.Detailed)
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"elapsed {watch.Elapsed.TotalSeconds:0.00} s"));
                }
                if (result.GetValue(output) is { } folder)
                {
                    AtomicFile.WriteAllText(Path.Combine(folder, "sensitivity.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n");
                    AtomicFile.WriteAllText(Path.Combine(folder, "sensitivity.md"), markdown);
                }

                return ExitCodes.Success;
            }
            catch (CompressionException e)
            {
                foreach (var d in e.Diagnostics)
                {
                    Console.Error.WriteLine(d.ToCanonical());
                }

                return ExitCodes.Failed;
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"modelcompress: error MC0001: --sparsities must be numbers like 0.5,0.9 ({e.Message}).");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    // Channel rows reuse the magnitude report's shape: the group stands in for the layer, its channel count for the weights.
    private static SensitivityReport Channel(OnnxModel model, EvalDataset data, IReadOnlyList<double> ratios)
    {
        var (baseline, metric, rows) = ChannelSensitivity.Analyze(model, data, ratios);
        return new SensitivityReport(baseline, metric, rows.Select(r => new SensitivityRow(r.Group, "channels", r.Producers, r.Channels, r.Ratio, r.Score)).ToList());
    }

    private static string Render(SensitivityReport report)
    {
        var levels = report.Rows.Select(r => r.Sparsity).Distinct().Order().ToList();
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Sensitivity ({report.Metric}, baseline {report.Baseline:0.0000})").AppendLine();
        md.AppendLine("| layer | op | weights | " + string.Join(" | ", levels.Select(l => $"{l * 100:0.#} %")) + " |");
        md.AppendLine("|---|---|---|" + string.Concat(levels.Select(_ => "---|")));
        foreach (var layer in report.Rows.GroupBy(r => r.Node))
        {
            var first = layer.First();
            var cells = string.Join(" | ", levels.Select(l => layer.First(r => r.Sparsity == l).Accuracy.ToString("0.0000", CultureInfo.InvariantCulture)));
            md.AppendLine(CultureInfo.InvariantCulture, $"| {first.Node} | {first.OpType} | {first.Elements} | {cells} |");
        }

        return md.ToString();
    }
}
