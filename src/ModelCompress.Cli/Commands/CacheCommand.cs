using ModelCompress.Engine.Caching;

namespace ModelCompress.Cli.Commands;

/// <summary><c>modelcompress cache info|verify|gc|clear --cache-dir DIR</c>: look after a step cache.</summary>
internal static class CacheCommand
{
    public static Command Create()
    {
        var command = new Command("cache", "Inspect, verify or clear a step cache.");
        command.Subcommands.Add(Sub("info", "Entries and size on disk.", Info));
        command.Subcommands.Add(Sub("verify", "Check every entry against its record and key; damaged entries are quarantined and the exit code is 1.", Verify));
        command.Subcommands.Add(Sub("gc", "Remove temporary folders and quarantined entries that killed builds left more than an hour ago.", Collect));
        command.Subcommands.Add(Sub("clear", "Remove every entry.", Clear));
        return command;
    }

    private static Command Sub(string name, string description, Func<ArtifactCache, int> action)
    {
        var dir = new Option<string>("--cache-dir") { Description = "The cache folder.", Required = true };
        var command = new Command(name, description) { dir };
        command.SetAction(result => action(new ArtifactCache(result.GetValue(dir)!)));
        return command;
    }

    private static int Info(ArtifactCache cache)
    {
        Console.Out.WriteLine($"cache: {cache.Root}");
        Console.Out.WriteLine($"entries: {cache.Keys().Count}");
        Console.Out.WriteLine($"size: {cache.SizeInBytes() / 1024.0:0.#} KB");
        return ExitCodes.Success;
    }

    private static int Verify(ArtifactCache cache)
    {
        var bad = 0;
        var total = 0;
        foreach (var (key, status, problem) in cache.Verify())
        {
            total++;
            if (status == CacheLookupStatus.Corrupt)
            {
                bad++;
                Console.Out.WriteLine($"{cache.Root}: warning MC5003: entry {key} was damaged ({problem}); it was quarantined and the next build recomputes it.");
            }
        }

        Console.Out.WriteLine($"{total} entries checked, {bad} damaged.");
        if (bad == 0)
        {
            return ExitCodes.Success;
        }

        Console.Out.WriteLine($"{cache.Root}: error MC5120: the cache held {bad} damaged entries. Look for a failing disk or a tool that edits the cache folder.");
        return ExitCodes.Failed;
    }

    private static int Collect(ArtifactCache cache)
    {
        var removed = CacheSweeper.Sweep(cache.Root, CacheSweeper.StaleAfter);
        Console.Out.WriteLine($"Removed {removed} leftovers older than {CacheSweeper.StaleAfter.TotalHours:0} hour from {cache.Root}.");
        return ExitCodes.Success;
    }

    private static int Clear(ArtifactCache cache)
    {
        var count = cache.Keys().Count;
        cache.Clear();
        Console.Out.WriteLine($"Removed {count} entries from {cache.Root}.");
        return ExitCodes.Success;
    }
}
