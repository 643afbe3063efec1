namespace ModelCompress.Build.Tests.Support;

/// <summary>What a dotnet command printed and how it exited.</summary>
internal sealed record CliResult(int ExitCode, string Output)
{
    /// <summary>The printed lines.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    /// <inheritdoc />
    public override string ToString() => $"exit code {ExitCode}\n{Output}";
}
