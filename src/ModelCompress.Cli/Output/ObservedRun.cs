using ModelCompress.Engine.Pipeline;
using Spectre.Console;

namespace ModelCompress.Cli.Output;

/// <summary>Runs work under the right observer: progress bars at a terminal, plain canonical lines otherwise.</summary>
internal static class ObservedRun
{
    public static T Run<T>(bool plain, Func<IEngineObserver, T> work)
    {
        if (plain || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return work(new PlainObserver(Console.Out));
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(context => result = work(new ProgressObserver(context)));
        return result;
    }
}
