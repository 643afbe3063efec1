namespace ModelCompress.Engine.Config;

/// <summary>
/// Every diagnostic of the configuration layer (MC1001–MC1099), in one place so codes stay unique and each
/// message says what is wrong and what to do.
/// </summary>
public static class ConfigDiagnostics
{
    /// <summary>MC1001: the YAML itself is malformed (position from YamlDotNet).</summary>
    public static Diagnostic SyntaxError(SourcePosition at, string detail) =>
        Error("MC1001", $"Malformed YAML: {detail.TrimEnd('.')}. Fix the syntax at this position.", at);

    /// <summary>MC1002: the file holds no YAML document.</summary>
    public static Diagnostic EmptyFile(string file) =>
        Error("MC1002", "The configuration file is empty. Add 'version: 1' and a 'models:' section.", new SourcePosition(file, 1, 1));

    /// <summary>MC1003: a key appears twice in one mapping.</summary>
    public static Diagnostic DuplicateKey(SourcePosition at, string key, SourcePosition first) =>
        Error("MC1003", $"Duplicate key '{key}' (first at line {first.Line}). Remove one of them.", at);

    /// <summary>MC1004: a key the section does not know.</summary>
    public static Diagnostic UnknownKey(SourcePosition at, string key, string section, string? suggestion, IEnumerable<string> allowed) =>
        Error("MC1004", suggestion is null
            ? $"Unknown key '{key}' in {section}. Allowed keys: {string.Join(", ", allowed)}."
            : $"Unknown key '{key}' in {section}; did you mean '{suggestion}'?", at);

    /// <summary>MC1005: a value of the wrong type.</summary>
    public static Diagnostic WrongType(SourcePosition at, string key, string expected, string got) =>
        Error("MC1005", $"'{key}' expects {expected}, got {got}. Write {expected} here.", at);

    /// <summary>MC1006: a required key is missing.</summary>
    public static Diagnostic MissingKey(SourcePosition at, string key, string section, string hint) =>
        Error("MC1006", $"Missing required key '{key}' in {section}. {hint}", at);

    /// <summary>MC1007: a number outside its allowed range.</summary>
    public static Diagnostic OutOfRange(SourcePosition at, string key, string value, string range) =>
        Error("MC1007", $"'{key}' is {value} but must be {range}. Change it to a value in range.", at);

    /// <summary>MC1008: a value not among the allowed ones.</summary>
    public static Diagnostic UnknownValue(SourcePosition at, string key, string value, IEnumerable<string> allowed, string? suggestion, string? hint = null) =>
        Error("MC1008", $"Unknown {key} '{value}'" + (suggestion is null ? "." : $"; did you mean '{suggestion}'?")
            + $" Allowed: {string.Join(", ", allowed)}." + (hint is null ? string.Empty : " " + hint), at);

    /// <summary>MC1009: a file format version this engine cannot read.</summary>
    public static Diagnostic UnsupportedVersion(SourcePosition at, string value) =>
        Error("MC1009", $"Unsupported configuration version {value}. This engine reads version 1: write 'version: 1'.", at);

    /// <summary>MC1010: two models whose names collide (accessor names and output files would clash).</summary>
    public static Diagnostic DuplicateModelName(SourcePosition at, string name, string other, SourcePosition first) =>
        Error("MC1010", $"Model name '{name}' collides with '{other}' (line {first.Line}): names must differ beyond letter case. Rename one.", at);

    /// <summary>MC1011: a model name that cannot become an accessor name.</summary>
    public static Diagnostic InvalidModelName(SourcePosition at, string name) =>
        Error("MC1011", $"Model name '{name}' is not valid: start with a letter or '_', then letters, digits, '_', '.' or '-'.", at);

    /// <summary>MC1012: a step that is not a mapping with exactly one key.</summary>
    public static Diagnostic StepShape(SourcePosition at, int keyCount) =>
        Error("MC1012", keyCount == 0
            ? "A step must be a mapping with one key, the step kind (e.g. '- prune: { sparsity: 0.5 }'); this one has none."
            : $"A step must have exactly one key, the step kind; this one has {keyCount}. Split it into {keyCount} steps.", at);

    /// <summary>MC1013: an unknown step kind.</summary>
    public static Diagnostic UnknownStep(SourcePosition at, string kind, string? suggestion, IEnumerable<string> allowed) =>
        Error("MC1013", $"Unknown step '{kind}'" + (suggestion is null ? "." : $"; did you mean '{suggestion}'?")
            + $" Steps: {string.Join(", ", allowed)}.", at);

    /// <summary>MC1014: a documented option that this version does not implement.</summary>
    public static Diagnostic NotSupportedYet(SourcePosition at, string what, string hint) =>
        Error("MC1014", $"{what} is not supported yet. {hint}", at);

    /// <summary>MC1015: two alternative keys given together, or neither.</summary>
    public static Diagnostic ExactlyOneOf(SourcePosition at, string section, string a, string b, bool both) =>
        Error("MC1015", both
            ? $"{section} sets both '{a}' and '{b}'. Keep only one."
            : $"{section} needs a limit: set '{a}' or '{b}'.", at);

    /// <summary>MC1016: a referenced file that does not exist.</summary>
    public static Diagnostic FileNotFound(SourcePosition at, string key, string given, string resolved) =>
        Error("MC1016", $"{key} '{given}' not found (looked for '{resolved}'). Paths are relative to the folder of the configuration file.", at);

    /// <summary>MC1017: a key that is required by another setting.</summary>
    public static Diagnostic RequiredWhen(SourcePosition at, string key, string condition, string hint) =>
        Error("MC1017", $"'{key}' is required when {condition}. {hint}", at);

    /// <summary>MC1018: a key that has no meaning with the other settings.</summary>
    public static Diagnostic ForbiddenWhen(SourcePosition at, string key, string condition, string hint) =>
        Error("MC1018", $"'{key}' is not allowed when {condition}. {hint}", at);

    /// <summary>MC1019: a section that must list at least one entry.</summary>
    public static Diagnostic EmptySection(SourcePosition at, string key, string hint) =>
        Error("MC1019", $"'{key}' is empty. {hint}", at);

    /// <summary>MC1020: something that needs data the configuration does not declare.</summary>
    public static Diagnostic NeedsData(SourcePosition at, string what, string needed) =>
        Error("MC1020", $"{what} needs {needed}. Add it under the model's 'data:' section.", at);

    /// <summary>MC1021: more than one YAML document.</summary>
    public static Diagnostic SeveralDocuments(SourcePosition at) =>
        Error("MC1021", "The configuration holds several YAML documents; keep one (remove the '---' separator).", at);

    /// <summary>MC1022: a key that is not a plain name.</summary>
    public static Diagnostic ComplexKey(SourcePosition at) =>
        Error("MC1022", "Keys must be plain names, not lists or mappings.", at);

    /// <summary>MC1023: a data file whose format cannot be told from its extension.</summary>
    public static Diagnostic UnknownDataFormat(SourcePosition at, string path) =>
        Error("MC1023", $"Cannot tell the format of '{path}' from its extension. Use .npz, .npy or .csv, or set 'format:'.", at);

    /// <summary>MC1024: a CSV column range that cannot be read.</summary>
    public static Diagnostic BadColumnRange(SourcePosition at, string text) =>
        Error("MC1024", $"Column range '{text}' is not valid. Write 'p0..p63' (same prefix, ascending numbers) or a list of column names.", at);

    /// <summary>MC1025: steps in an order the engine cannot run.</summary>
    public static Diagnostic StepOrder(SourcePosition at, string message) => Error("MC1025", message, at);

    /// <summary>MC1026: the configuration file cannot be read.</summary>
    public static Diagnostic CannotRead(string file, string reason) =>
        Error("MC1026", $"Cannot read configuration file '{file}': {reason}. Check the path (ModelCompressConfig) and permissions.", null, file);

    private static Diagnostic Error(string code, string message, SourcePosition? at, string? file = null) =>
        Diagnostic.Error(code, message, at, file ?? at?.File);
}
