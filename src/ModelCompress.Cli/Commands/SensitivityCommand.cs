using System.Text;
using System.Text.Json;
using ModelCompress.Engine.Config;
using ModelCompress.Cli.Output;
using ModelCompress.Engine.Data;
using ModelCompress.Engine.IO;
using ModelCompress.Engine.Steps.Channel;
using ModelCompress.Onnx;
using ModelCompress.Torch.Training;

namespace ModelCompress.Cli.Commands;

/// <summary>
/// <c>modelcompress sensitivity model.onnx --data ... [--method magnitude|channel] [--sparsities 0.5,0.8,0.9] [--output dir]</c>:
/// prunes one layer (magnitude) or one channel group (channel, channels physically removed) at a time to each
/// sparsity and measures accuracy, to show which layers can take pruning. With <c>--config</c> it runs on the model's
/// validation or calibration data and refuses the evaluation data unless <c>--on-evaluation-data</c> is given.
/// </summary>
internal static class SensitivityCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("model") { Description = "The ONNX model to analyse (not needed with --config).", Arity = ArgumentArity.ZeroOrOne };
        var data = new DataOptions();
        var sparsities = new Option<string>("--sparsities") { Description = "Comma-separated sparsities to try per layer.", DefaultValueFactory = _ => "0.25,0.5,0.75,0.9" };
        var output = new Option<string?>("--output") { Description = "Folder for sensitivity.json and sensitivity.md." };
        var method = new Option<string>("--method") { Description = "magnitude (weights zeroed per layer) or channel (channels removed per group).", DefaultValueFactory = _ => "magnitude" };
        method.AcceptOnlyFromAmong("magnitude", "channel");
        var verbosity = CommonOptions.Verbosity();
        var config = new Option<string?>("--config") { Description = "A compression.yaml: analyse its model on data.validation, else data.calibration — never on the evaluation data." };
        var modelName = new Option<string?>("--model") { Description = "With --config: which model of the config." };
        var onEvaluation = new Option<bool>("--on-evaluation-data") { Description = "With --config: allow the search on the evaluation (test) data when there is no validation or calibration data (reported loudly)." };
        var command = new Command("sensitivity", "Accuracy vs sparsity, one prunable layer or channel group at a time (no fine-tuning).")
        {
            path, sparsities, output, method, config, modelName, onEvaluation, verbosity,
        };
        data.AddTo(command);
        command.SetAction(result =>
        {
            try
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                if ((result.GetValue(config) is null) == (result.GetValue(data.Data) is null))
                {
                    Console.Error.WriteLine("modelcompress: error MC0001: sensitivity needs either --config (the search uses the model's validation or calibration data) or a model and --data with the arrays to search on.");
                    return ExitCodes.Usage;
                }

                var (model, dataset, source) = result.GetValue(config) is { } file
                    ? FromConfig(file, result.GetValue(modelName), result.GetValue(onEvaluation))
                    : FromArrays(result, path, data);
                var levels = result.GetValue(sparsities)!.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();
                var report = result.GetValue(method) == "channel" ? Channel(model, dataset, levels) : SensitivityAnalysis.Analyze(model, dataset, levels);
                var markdown = Render(report, source);
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

                return e.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? ExitCodes.Failed : ExitCodes.Success;
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"modelcompress: error MC0001: --sparsities must be numbers like 0.5,0.9 ({e.Message}).");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static (OnnxModel Model, EvalDataset Data, string Source) FromArrays(ParseResult result, Argument<string?> path, DataOptions data)
    {
        if (result.GetValue(path) is not { } file)
        {
            throw new CompressionException(Diagnostic.Error("MC4001", "sensitivity --data needs the model file as its argument."));
        }

        var model = EvalCommand.Load(Path.GetFullPath(file));
        var dataset = data.Load(result, model)!;
        var arrays = string.Join(", ", (result.GetValue(data.Inputs) ?? []).Append(result.GetValue(data.Labels) ?? "no labels"));
        return (model, dataset, $"the arrays given ({arrays}); use calibration or validation rows, never the test split");
    }

    private static (OnnxModel Model, EvalDataset Data, string Source) FromConfig(string file, string? name, bool allowEvaluation)
    {
        var config = ConfigLoader.Load(file);
        foreach (var warning in config.Warnings)
        {
            Console.Error.WriteLine(warning.ToCanonical());
        }

        var chosen = name is null ? config.Models : config.Models.Where(m => m.Name == name).ToList();
        if (chosen.Count != 1)
        {
            throw new CompressionException(Diagnostic.Error("MC1090",
                $"Name one model with --model (models: {string.Join(", ", config.Models.Select(m => m.Name))}).", file: config.FilePath));
        }

        var model = EvalCommand.Load(chosen[0].SourcePath);
        var (rows, source, loud) = SearchData.For(chosen[0], ModelSignature.FromOnnx(model), allowEvaluation);
        if (loud is not null)
        {
            Console.Error.WriteLine(loud.ToCanonical());
        }

        return (model, rows, source);
    }

    // Channel rows reuse the magnitude report's shape: the group stands in for the layer, its channel count for the weights.
    private static SensitivityReport Channel(OnnxModel model, EvalDataset data, IReadOnlyList<double> ratios)
    {
        var (baseline, metric, rows) = ChannelSensitivity.Analyze(model, data, ratios);
        return new SensitivityReport(baseline, metric, rows.Select(r => new SensitivityRow(r.Group, "channels", r.Producers, r.Channels, r.Ratio, r.Score)).ToList());
    }

    private static string Render(SensitivityReport report, string source)
    {
        var levels = report.Rows.Select(r => r.Sparsity).Distinct().Order().ToList();
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Sensitivity ({report.Metric}, baseline {report.Baseline:0.0000})").AppendLine();
        md.AppendLine(source.Contains("EVALUATION", StringComparison.Ordinal)
            ? "**Searched on " + source + ": choices made from this table are fitted to the test split.**"
            : "Data: " + source + ".").AppendLine();
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
