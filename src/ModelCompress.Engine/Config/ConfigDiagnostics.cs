using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Engine.Config;

/// <summary>MC1001–MC1089: problems in compression.yaml, each at the position of the key or value at fault.</summary>
public static class ConfigDiagnostics
{
    public static Diagnostic MalformedYaml(SourcePosition at, string problem) => Diagnostic.Error("MC1001",
        $"The YAML cannot be read: {problem}. Fix the syntax at this position (indentation, a missing ':' or bracket).", at);

    public static Diagnostic NotAMapping(SourcePosition at, string what) => Diagnostic.Error("MC1002",
        $"{what} must be a mapping of keys to values. See README ('compression.yaml') for the layout.", at);

    public static Diagnostic UnknownKey(SourcePosition at, string key, string section, string? suggestion, IEnumerable<string> known) => Diagnostic.Error("MC1003",
        $"Unknown key '{key}' in {section}." + (suggestion is null ? "" : $" Did you mean '{suggestion}'?")
        + $" Known keys: {string.Join(", ", known)}.", at);

    public static Diagnostic WrongType(SourcePosition at, string key, string expected, string actual) => Diagnostic.Error("MC1004",
        $"'{key}' must be {expected}, not '{actual}'.", at);

    public static Diagnostic MissingKey(SourcePosition at, string key, string section, string hint) => Diagnostic.Error("MC1005",
        $"{section} needs '{key}': {hint}.", at);

    public static Diagnostic OutOfRange(SourcePosition at, string key, string value, string range) => Diagnostic.Error("MC1006",
        $"'{key}' is {value}, but it must be {range}.", at);

    public static Diagnostic UnknownValue(SourcePosition at, string key, string value, IEnumerable<string> allowed) => Diagnostic.Error("MC1007",
        $"'{key}' cannot be '{value}'; use one of: {string.Join(", ", allowed)}.", at);

    public static Diagnostic UnsupportedVersion(SourcePosition at, string value) => Diagnostic.Error("MC1008",
        $"version {value} is not supported by this engine; write 'version: 1' (or update ModelCompress.Build).", at);

    public static Diagnostic DuplicateKey(SourcePosition at, string key) => Diagnostic.Error("MC1009",
        $"'{key}' appears twice; keep one of them.", at);

    public static Diagnostic StepShape(SourcePosition at, int keys) => Diagnostic.Error("MC1010",
        $"A step is a mapping with exactly one key, the step kind (prune, quantize, distill, finetune); this one has {keys}. Write it as '- prune: {{ ... }}'.", at);

    public static Diagnostic BudgetLimits(SourcePosition at, string budget, string one, string other) => Diagnostic.Error("MC1011",
        $"The {budget} budget needs exactly one of '{one}' and '{other}'.", at);

    public static Diagnostic PathNotFound(SourcePosition at, string key, string path) => Diagnostic.Error("MC1012",
        $"'{key}' points at '{path}', which does not exist. Paths are relative to the folder of compression.yaml.", at);

    public static Diagnostic ConfigNotFound(string path) => Diagnostic.Error("MC1013",
        $"The config file '{path}' does not exist. Create compression.yaml beside the project, or set ModelCompressConfig.", file: path);

    public static Diagnostic NotSupportedYet(SourcePosition at, string what, string instead) => Diagnostic.Error("MC1014",
        $"{what} is not supported yet; {instead}.", at);

    public static Diagnostic Conflict(SourcePosition at, string message) => Diagnostic.Error("MC1015", message, at);

    public static Diagnostic BadModelName(SourcePosition at, string name) => Diagnostic.Error("MC1016",
        $"Model name '{name}' is not valid: use letters, digits, '_', '.' or '-', starting with a letter or '_' (it becomes a C# accessor name).", at);

    public static Diagnostic EmptyFile(string path) => Diagnostic.Error("MC1017",
        "The config file is empty. Start from the example in README ('compression.yaml').", new SourcePosition(path, 1, 1));
}
