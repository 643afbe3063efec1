namespace ModelCompress.Cli.Tests.Hostile;

/// <summary>One row of tests/TestData/hostile/cases.tsv: how to break the digits project, what to run, what must come out.</summary>
/// <param name="Name">The case name (unique).</param>
/// <param name="Build">Steps applied to a fresh digits project, separated by " ; " (see <see cref="CaseInputs"/>).</param>
/// <param name="Command">run, or the CLI arguments with {p} for the project folder.</param>
/// <param name="Code">The MC code that must be printed, or "-" when the case must succeed.</param>
/// <param name="Exit">The expected exit code.</param>
public sealed record HostileCase(string Name, string Build, string Command, string Code, int Exit)
{
    public static string TablePath => Path.Combine(AppContext.BaseDirectory, "TestData", "hostile", "cases.tsv");

    public static IReadOnlyList<HostileCase> ReadTable() =>
        File.ReadAllLines(TablePath)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Skip(1)
            .Select(l => l.Split('\t'))
            .Select(c => new HostileCase(c[0], c[1], c[2], c[3], int.Parse(c[4], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    public override string ToString() => Name;
}
