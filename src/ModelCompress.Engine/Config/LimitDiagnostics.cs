namespace ModelCompress.Engine.Config;

/// <summary>MC1100–MC1119: configurations refused (or settings capped) by a resource limit, each at its YAML position.</summary>
public static class LimitDiagnostics
{
    /// <summary>Most YAML nodes a configuration may expand to, aliases counted at every use (billion-laughs guard).</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Deepest nesting of mappings and sequences (aliases included) a configuration may have.</summary>
    public const int MaxDepth = 64;

    /// <summary>Largest configuration file read, in bytes.</summary>
    public const long MaxFileBytes = 1L << 20;

    /// <summary>MC1100: aliases expand to more nodes than <see cref="MaxNodes"/>.</summary>
    public static Diagnostic TooManyNodes(SourcePosition at) => Diagnostic.Error("MC1100",
        $"The configuration expands to more than {MaxNodes} YAML nodes (aliases are counted each time they are used). " +
        "Use fewer or smaller aliases; a real configuration is far below this limit.", at);

    /// <summary>MC1101: nesting deeper than <see cref="MaxDepth"/>.</summary>
    public static Diagnostic TooDeep(SourcePosition at) => Diagnostic.Error("MC1101",
        $"The configuration nests mappings or lists more than {MaxDepth} levels deep here. Flatten it; no setting needs that depth.", at);

    /// <summary>MC1102: a merge key whose value is not a mapping (or list of mappings).</summary>
    public static Diagnostic BadMerge(SourcePosition at, string detail) => Diagnostic.Error("MC1102",
        $"The merge key '<<' must name a mapping (or a list of mappings) to merge in: {detail}. Write '<<: *anchor' where the anchor is on a mapping.", at);

    /// <summary>Most intra-op threads a configuration may ask for; beyond the machine's cores they are capped anyway.</summary>
    public const int MaxThreads = 1024;

    /// <summary>MC1103: a thread count above the machine's cores, capped (warning).</summary>
    public static Diagnostic ThreadsCapped(int given, int cores, SourcePosition? at = null) => Diagnostic.Warning("MC1103",
        $"threads: {given} is more than this machine's {cores} cores; {cores} are used. Lower the setting (or remove it for the default of 1).", at);

    /// <summary>MC1104: the configuration file is larger than <see cref="MaxFileBytes"/>.</summary>
    public static Diagnostic FileTooLarge(string file, long size) => Diagnostic.Error("MC1104",
        $"The configuration file is {size} bytes, over the limit of {MaxFileBytes} bytes. A compression.yaml is a few KB; check the path.",
        new SourcePosition(file, 1, 1));

    /// <summary>MC1106: a thread count above <see cref="MaxThreads"/>.</summary>
    public static Diagnostic TooManyThreads(SourcePosition at, int given) => Diagnostic.Error("MC1106",
        $"threads: {given} is more than the limit of {MaxThreads}; beyond the machine's cores extra threads only slow things down. Use at most the number of cores.", at);

    /// <summary>MC1105: the configuration path is not a regular file (FIFO, device, folder, dangling link).</summary>
    public static Diagnostic NotRegularFile(string file, string problem) => Diagnostic.Error("MC1105",
        $"The configuration file cannot be read: {problem}", file: file);
}
