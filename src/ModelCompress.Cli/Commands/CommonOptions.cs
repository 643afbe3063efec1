using System.CommandLine;

namespace ModelCompress.Cli.Commands;

/// <summary>Options shared by several commands, declared once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> CacheDir() => new("--cache-dir")
    {
        Description = "Folder of the content-addressed step cache (default: obj/modelcompress-cache beside the config).",
    };

    /// <summary>Rejects values below <paramref name="minimum"/> as a usage error (exit 2), not a crash.</summary>
    public static void AtLeast(Option<int> option, int minimum) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < minimum)
            {
                result.AddError($"{option.Name} must be at least {minimum}.");
            }
        });
}
