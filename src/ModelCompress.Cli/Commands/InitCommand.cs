using System.Text;
using System.Text.RegularExpressions;
using ModelCompress.Engine.IO;
using ModelCompress.Onnx;

namespace ModelCompress.Cli.Commands;

/// <summary>
/// <c>modelcompress init model.onnx</c>: writes a commented compression.yaml for the model, its inputs read from the
/// graph, that the engine parses as it is (a dynamic quantize step and a size budget to start from).
/// </summary>
internal static partial class InitCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("model") { Description = "An ONNX model file." };
        var output = new Option<string>("--output") { Description = "Where to write the config (default: compression.yaml in the current folder)." };
        var command = new Command("init", "Write a commented compression.yaml for a model.") { path, output };
        command.SetAction(result =>
        {
            var file = Path.GetFullPath(result.GetValue(path)!);
            var target = Path.GetFullPath(result.GetValue(output) ?? "compression.yaml");
            if (File.Exists(target))
            {
                Console.Error.WriteLine($"{target}: error MC5251: the file exists; init never overwrites a config. Pass another --output or delete it.");
                return ExitCodes.Failed;
            }

            if (ModelFile.LoadOrReport(file) is not { } model)
            {
                return ExitCodes.Failed;
            }

            var folder = Path.GetDirectoryName(target)!;
            AtomicFile.WriteAllText(target, Render(file, Path.GetRelativePath(folder, file), ModelStatistics.Compute(model)));
            Console.Out.WriteLine($"Wrote {target}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Render(string file, string source, ModelStatistics stats)
    {
        var name = NotName().Replace(Path.GetFileNameWithoutExtension(file), "_");
        name = char.IsLetter(name[0]) || name[0] == '_' ? name : "_" + name;
        var text = new StringBuilder();
        if (SchemaLocation.Find(Engine.Pipeline.EngineIdentity.Current.EngineVersion) is { } schema)
        {
            // Completion and checking in editors (the YAML language server), from the schema of this very version.
            text.Append("# yaml-language-server: $schema=").Append(new Uri(schema).AbsoluteUri).Append('\n');
        }

        text.Append("# Written by 'modelcompress init'. Edit the steps and budgets, then 'dotnet build' or 'modelcompress run'.\n");
        text.Append("version: 1\nmodels:\n");
        text.Append("  ").Append(name).Append(":\n");
        text.Append("    source: '").Append(source.Replace('\\', '/').Replace("'", "''")).Append("'\n");
        text.Append("    # The graph's inputs; to measure accuracy, add data: { path: data.npz, inputs: { <input>: <array> }, labels: <array> }\n");
        foreach (var input in stats.Inputs)
        {
            text.Append("    #   ").Append(input.ToString().Replace('\n', ' ')).Append('\n');
        }

        text.Append("    steps:\n");
        text.Append("      # - prune: { method: magnitude, sparsity: 0.5 }   # needs no data\n");
        text.Append("      - quantize: { mode: dynamic }\n");
        text.Append("    budgets:\n");
        text.Append("      size: { max_kb: ").Append(Math.Max(1, (new FileInfo(file).Length + 1023) / 1024)).Append(" }   # no larger than the source\n");
        return text.ToString();
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex NotName();
}
