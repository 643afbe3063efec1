using System.Text.RegularExpressions;
using ModelCompress.Engine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ModelCompress.Engine.Config;

/// <summary>
/// Reads compression.yaml into immutable settings. Validation runs to the end and reports every problem at once,
/// each at its line and column; only then does it throw.
/// </summary>
public static partial class ConfigLoader
{
    public static CompressionConfig Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new CompressionException(ConfigDiagnostics.ConfigNotFound(full));
        }

        return Parse(File.ReadAllText(full), full);
    }

    public static CompressionConfig Parse(string text, string path)
    {
        var file = Path.GetFullPath(path);
        var bag = new DiagnosticBag();
        var root = ReadRoot(text, file, bag);
        if (root is null)
        {
            bag.ThrowIfErrors();
            throw new CompressionException(ConfigDiagnostics.EmptyFile(file));
        }

        var baseDirectory = Path.GetDirectoryName(file)!;
        var top = new YamlMap(root, file, bag, "the top level", CompressionConfig.Keys);
        var version = top.Int("version", required: true, hint: "write 'version: 1' at the top");
        if (version is { } v && v != 1)
        {
            bag.Add(ConfigDiagnostics.UnsupportedVersion(top.ValuePosition("version"), v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var models = new List<ModelConfig>();
        switch (top.Get("models"))
        {
            case null:
                bag.Add(ConfigDiagnostics.MissingKey(top.Position, "models", "The config", "list the models to compress under 'models:'"));
                break;
            case YamlMappingNode modelsNode:
                foreach (var (nameNode, body) in modelsNode.Children)
                {
                    if (ParseModel((YamlScalarNode)nameNode, body, top, baseDirectory) is { } model)
                    {
                        models.Add(model);
                    }
                }

                break;
            case var other:
                bag.Add(ConfigDiagnostics.NotAMapping(top.PositionOf(other), "'models'"));
                break;
        }

        bag.ThrowIfErrors();
        return new CompressionConfig(file, version ?? 1, models);
    }

    private static YamlMappingNode? ReadRoot(string text, string file, DiagnosticBag bag)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var at = new SourcePosition(file, (int)e.Start.Line, (int)e.Start.Column);
            var message = (e.InnerException?.Message ?? e.Message).Split(" (Line", StringSplitOptions.None)[0];
            bag.Add(message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) || e.InnerException is ArgumentException
                ? ConfigDiagnostics.DuplicateKey(at, KeyNear(text, (int)e.Start.Line))
                : ConfigDiagnostics.MalformedYaml(at, message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way when the file ends inside a flow collection.
            var (line, column) = UnclosedBracket(text);
            bag.Add(ConfigDiagnostics.MalformedYaml(new SourcePosition(file, line, column), "this '{' or '[' is never closed"));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            bag.Add(ConfigDiagnostics.NotAMapping(new SourcePosition(file, 1, 1), "The config file"));
            return null;
        }

        return root;
    }

    /// <summary>The innermost '{' or '[' left open at the end of the text (outside quotes and comments).</summary>
    private static (int Line, int Column) UnclosedBracket(string text)
    {
        var open = new Stack<(int, int)>();
        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var quote = '\0';
            for (var c = 0; c < lines[l].Length; c++)
            {
                var ch = lines[l][c];
                if (quote != '\0')
                {
                    quote = ch == quote ? '\0' : quote;
                }
                else if (ch is '"' or '\'')
                {
                    quote = ch;
                }
                else if (ch == '#')
                {
                    break;
                }
                else if (ch is '{' or '[')
                {
                    open.Push((l + 1, c + 1));
                }
                else if (ch is '}' or ']' && open.Count > 0)
                {
                    open.Pop();
                }
            }
        }

        return open.Count > 0 ? open.Peek() : (lines.Length, 1);
    }

    private static string KeyNear(string text, int line)
    {
        var lines = text.Split('\n');
        return line >= 1 && line <= lines.Length ? lines[line - 1].Trim().Split(':')[0] : "a key";
    }

    private static ModelConfig? ParseModel(YamlScalarNode nameNode, YamlNode body, YamlMap top, string baseDirectory)
    {
        var bag = top.Bag;
        var name = nameNode.Value ?? "";
        var position = top.PositionOf(nameNode);
        if (!ModelName().IsMatch(name))
        {
            bag.Add(ConfigDiagnostics.BadModelName(position, name));
        }

        if (body is not YamlMappingNode mapping)
        {
            bag.Add(ConfigDiagnostics.NotAMapping(top.PositionOf(body), $"Model '{name}'"));
            return null;
        }

        var errorsBefore = bag.Items.Count;
        var map = new YamlMap(mapping, top.File, bag, $"model '{name}'", ModelConfig.Keys);
        var source = map.ExistingPath("source", baseDirectory, required: true, hint: "the ONNX file to compress, relative to compression.yaml");
        var seed = map.Int("seed", min: 0) ?? 0;
        var dataMap = map.Map("data", $"model '{name}' data", DataConfig.Keys);
        var data = dataMap is null ? null : DataConfig.Parse(dataMap, baseDirectory);
        var steps = StepParser.ParseAll(map, baseDirectory);
        var budgets = BudgetsConfig.Parse(map.Map("budgets", $"model '{name}' budgets", BudgetsConfig.Keys));
        var evaluation = EvaluationSettings.Parse(map.Map("evaluation", $"model '{name}' evaluation", EvaluationSettings.Keys));
        if (bag.Items.Count != errorsBefore || source is null)
        {
            return null;
        }

        return new ModelConfig(name, position, source, map.ValuePosition("source"), data, steps, budgets, evaluation, seed);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex ModelName();
}
