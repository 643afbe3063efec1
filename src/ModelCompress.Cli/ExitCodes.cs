namespace ModelCompress.Cli;

/// <summary>The tool's exit codes; documented in README, relied on by the MSBuild task and by CI scripts.</summary>
public static class ExitCodes
{
    /// <summary>Everything ran and every budget held (warnings may have been printed).</summary>
    public const int Success = 0;

    /// <summary>A problem the user can fix: config, model, data, budget, cache; diagnostics say what and where.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;

    /// <summary>A bug in the engine (MC9001); the message asks for a report.</summary>
    public const int InternalError = 3;
}
