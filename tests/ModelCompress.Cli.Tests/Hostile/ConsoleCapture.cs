namespace ModelCompress.Cli.Tests.Hostile;

/// <summary>
/// Runs <see cref="Program.Main"/> in-process with Console.Out/Error captured (a process per case would cost a
/// second each). Console is process-wide, so the tests that use it share one non-parallel collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCapture
{
    public const string Name = "console capture";

    private static readonly Lock Gate = new();

    public static (int ExitCode, string Output) Run(string[] args, TimeSpan limit)
    {
        lock (Gate)
        {
            var (oldOut, oldError) = (Console.Out, Console.Error);
            using var output = new StringWriter();
            var writer = TextWriter.Synchronized(output);
            Console.SetOut(writer);
            Console.SetError(writer);
            try
            {
                var run = Task.Run(() => Program.Main(args));
                if (!run.Wait(limit + limit))
                {
                    return (-1, $"TIMEOUT after {(limit + limit).TotalSeconds} s\n" + output);
                }

                return (run.Result, output.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }
}
