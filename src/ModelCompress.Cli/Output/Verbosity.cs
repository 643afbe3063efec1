namespace ModelCompress.Cli.Output;

/// <summary>How much a command prints besides diagnostics, which are always printed.</summary>
internal enum Verbosity
{
    /// <summary>Errors, warnings and the one line per model that closes the run.</summary>
    Quiet,

    /// <summary>Also step progress (a line per stage and per epoch, or progress bars) and the closing table.</summary>
    Normal,

    /// <summary>Also stage starts, each step's facts and its timing.</summary>
    Detailed,
}
