using ModelCompress.Cli.Output;

namespace ModelCompress.Cli.Commands;

/// <summary>Options shared by several commands, declared once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> CacheDir() => new("--cache-dir")
    {
        Description = "Folder of the content-addressed step cache (default: obj/modelcompress-cache beside the config).",
    };

    /// <summary><c>--verbosity quiet|normal|detailed</c> (<c>-v</c>); diagnostics are printed at every level.</summary>
    public static Option<Verbosity> Verbosity()
    {
        var option = new Option<Verbosity>("--verbosity", "-v")
        {
            Description = "quiet (errors, warnings and one line per model), normal (adds step progress and the summary table) or detailed (adds each step's facts and timing).",
            DefaultValueFactory = _ => Output.Verbosity.Normal,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? "normal" : result.Tokens[0].Value;
                switch (text.ToLowerInvariant())
                {
                    case "q" or "quiet":
                        return Output.Verbosity.Quiet;
                    case "n" or "normal":
                        return Output.Verbosity.Normal;
                    case "d" or "detailed":
                        return Output.Verbosity.Detailed;
                    default:
                        result.AddError($"--verbosity is '{text}'; use quiet, normal or detailed (q, n, d).");
                        return Output.Verbosity.Normal;
                }
            },
        };
        return option;
    }

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
