using Spectre.Console;

namespace ModelCompress.Cli.Output;

/// <summary>
/// Runs work under the right observer: progress bars for a person at a terminal, plain canonical lines
/// otherwise (redirected output, <c>--plain</c>, or quiet, which has no progress to draw).
/// </summary>
internal static class ObservedRun
{
    /// <summary>Whether output goes to a person at an interactive terminal (where tables and bars are drawn).</summary>
    public static bool AtTerminal(bool plain) =>
        !plain && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static T Run<T>(bool plain, Verbosity verbosity, Func<IEngineObserver, T> work)
    {
        if (verbosity == Verbosity.Quiet || !AtTerminal(plain))
        {
            return work(new PlainObserver(Console.Out, verbosity));
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(context => result = work(new ProgressObserver(context)));
        return result;
    }
}
