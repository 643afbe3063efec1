namespace ModelCompress.Build.Tasks.Internal;

/// <summary>How the engine is started: which file runs and with which arguments.</summary>
internal sealed class EngineLaunch
{
    private EngineLaunch(string fileName, IReadOnlyList<string> arguments, string description)
    {
        FileName = fileName;
        Arguments = arguments;
        Description = description;
    }

    /// <summary>The program the process starts (dotnet or the engine executable).</summary>
    public string FileName { get; }

    /// <summary>Every argument, unquoted; <see cref="CommandLine.Join"/> quotes them.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Which lookup rule chose this launch, for the build log.</summary>
    public string Description { get; }

    /// <summary>
    /// The lookup order of the architecture: an explicit tool path (a .dll runs under dotnet, anything else runs
    /// directly), then the local tool manifest, then the engine restore put in the NuGet packages folder
    /// (<paramref name="restoredEngine"/>, a .dll). Nothing is downloaded at build time.
    /// </summary>
    public static EngineLaunch Create(
        string? toolPath,
        string dotnetPath,
        bool localToolAvailable,
        string restoredEngine,
        IReadOnlyList<string> engineArguments)
    {
        if (!string.IsNullOrEmpty(toolPath))
        {
            var full = Path.GetFullPath(toolPath);
            if (full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                return new EngineLaunch(dotnetPath, Prepend(engineArguments, full), "ModelCompressToolPath (.dll under dotnet)");
            }

            return new EngineLaunch(full, engineArguments, "ModelCompressToolPath (executable)");
        }

        if (localToolAvailable)
        {
            return new EngineLaunch(dotnetPath, Prepend(engineArguments, "tool", "run", "modelcompress"), "local tool manifest");
        }

        return new EngineLaunch(dotnetPath, Prepend(engineArguments, restoredEngine), "restored package (" + restoredEngine + ")");
    }

    /// <summary>The engine's own <c>run</c> arguments, per the Engine ↔ MSBuild contract.</summary>
    public static IReadOnlyList<string> RunArguments(
        string configFile, string outputDirectory, string cacheDirectory, string budgetSeverity, string manifestFile,
        bool remeasure = false, string? junitFile = null)
    {
        var arguments = new List<string>
        {
            "run",
            "--config", configFile,
            "--output", outputDirectory,
            "--cache-dir", cacheDirectory,
            "--budget-severity", budgetSeverity,
            "--manifest", manifestFile,
        };
        if (remeasure)
        {
            arguments.Add("--remeasure");
        }

        if (!string.IsNullOrEmpty(junitFile))
        {
            arguments.Add("--junit");
            arguments.Add(junitFile!);
        }

        return arguments;
    }

    private static IReadOnlyList<string> Prepend(IReadOnlyList<string> tail, params string[] head)
    {
        var all = new List<string>(head.Length + tail.Count);
        all.AddRange(head);
        all.AddRange(tail);
        return all;
    }
}
