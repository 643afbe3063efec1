using ModelCompress.Onnx.Files;

namespace ModelCompress.Engine.Config;

/// <summary>
/// Reads <c>compression.yaml</c> into validated, immutable settings. Every problem in the file is reported at
/// once, each at its line and column, in one <see cref="CompressionException"/>.
/// </summary>
public static class ConfigLoader
{
    /// <summary>The format version this engine reads.</summary>
    public const int SupportedVersion = 1;

    /// <summary>Reads and validates the configuration file at <paramref name="path"/>.</summary>
    /// <exception cref="CompressionException">The file cannot be read or has problems (MC1xxx).</exception>
    public static CompressionConfig Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        switch (SafeFile.Check(fullPath, LimitDiagnostics.MaxFileBytes, null, out var real))
        {
            case FileProblem.None or FileProblem.Missing:
                break;
            case FileProblem.TooLarge:
                throw new CompressionException(LimitDiagnostics.FileTooLarge(fullPath, new FileInfo(real).Length));
            case var problem:
                throw new CompressionException(LimitDiagnostics.NotRegularFile(fullPath, SafeFile.Describe(problem, fullPath, real, null, 0)));
        }

        string text;
        try
        {
            text = File.ReadAllText(real);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CompressionException(ConfigDiagnostics.CannotRead(fullPath, ex.Message));
        }

        return Parse(text, fullPath);
    }

    /// <summary>Validates YAML <paramref name="text"/>; relative paths in it resolve against <paramref name="path"/>'s folder.</summary>
    /// <exception cref="CompressionException">The text has problems (MC1xxx).</exception>
    public static CompressionConfig Parse(string text, string path)
    {
        var file = Path.GetFullPath(path);
        var context = new ParseContext(file, Path.GetDirectoryName(file) ?? Directory.GetCurrentDirectory());
        var root = YamlTreeReader.Read(text, file, context.Bag);
        if (root is null && !context.Bag.HasErrors)
        {
            context.Report(ConfigDiagnostics.EmptyFile(file));
        }

        var config = root is null ? null : ReadRoot(root, context);
        // Readers report section by section; users read the file top to bottom. Warnings travel with the errors (or
        // the config), so a capped setting is reported at its YAML line when the file is read, not later.
        var found = context.Bag.Items.OrderBy(d => d.Position?.Line ?? 0).ThenBy(d => d.Position?.Column ?? 0).ToList();
        if (context.Bag.HasErrors)
        {
            throw new CompressionException(found);
        }

        return (config ?? throw new InvalidOperationException("A configuration without errors must have been read."))
            with { Warnings = found.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList() };
    }

    private static CompressionConfig? ReadRoot(YNode root, ParseContext context)
    {
        if (root is YScalar { IsNull: true })
        {
            context.Report(ConfigDiagnostics.EmptyFile(context.File));
            return null;
        }

        if (root is not YMapping mapping)
        {
            context.Report(ConfigDiagnostics.WrongType(root.Position, "the configuration", "a mapping with 'version' and 'models'", root.Describe()));
            return null;
        }

        var map = new MappingReader(mapping, ConfigKeys.Root, "the configuration", root.Position, context);
        var version = ReadVersion(map);
        IReadOnlyList<ModelConfig>? models = null;
        if (map.Require("models", "Add 'models:' with at least one model.") && map.Value("models") is { } node)
        {
            models = node switch
            {
                YMapping { Entries.Count: > 0 } m => ModelReader.ReadAll(m, context),
                YMapping or YScalar { IsNull: true } => Empty(map, context),
                _ => WrongModels(node, context),
            };
        }

        return version is { } v && models is not null ? new CompressionConfig(context.File, v, models) : null;
    }

    private static int? ReadVersion(MappingReader map)
    {
        if (!map.Require("version", "Add 'version: 1' at the top.") || map.Integer("version", NumberRange.AtLeast(int.MinValue)) is not { } version)
        {
            return null;
        }

        if (version != SupportedVersion)
        {
            map.Context.Report(ConfigDiagnostics.UnsupportedVersion(map.Value("version")!.Position, version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return null;
        }

        return version;
    }

    private static IReadOnlyList<ModelConfig>? Empty(MappingReader map, ParseContext context)
    {
        context.Report(ConfigDiagnostics.EmptySection(map.KeyAt("models")!.Value, "models", "Add a model: 'name: { source: model.onnx, steps: [...] }'."));
        return null;
    }

    private static IReadOnlyList<ModelConfig>? WrongModels(YNode node, ParseContext context)
    {
        context.Report(ConfigDiagnostics.WrongType(node.Position, "models", "a mapping of model name to settings", node.Describe()));
        return null;
    }
}
