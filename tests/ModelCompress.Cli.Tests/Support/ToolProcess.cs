using System.Diagnostics;

namespace ModelCompress.Cli.Tests.Support;

/// <summary>Runs the built modelcompress tool as its own process, the way the build task does.</summary>
internal static class ToolProcess
{
    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "modelcompress.dll");

    public static (int ExitCode, string Output) Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("modelcompress did not finish in 5 minutes: " + string.Join(' ', args));
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Starts the tool with both streams redirected; the caller reads them (or lets them drain) and ends it.</summary>
    public static System.Diagnostics.Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return System.Diagnostics.Process.Start(start)!;
    }
}
