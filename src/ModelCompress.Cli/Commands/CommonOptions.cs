using System.CommandLine;

namespace ModelCompress.Cli.Commands;

/// <summary>Options shared by several commands, declared once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> CacheDir() => new("--cache-dir")
    {
        Description = "Folder of the content-addressed step cache (default: obj/modelcompress-cache beside the config).",
    };
}
