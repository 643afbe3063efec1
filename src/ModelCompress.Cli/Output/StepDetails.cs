using ModelCompress.Engine.Reporting;

namespace ModelCompress.Cli.Output;

/// <summary>
/// What <c>--verbosity detailed</c> adds after a run: each step's runner, timing, cache verdict and facts, and
/// every stage's wall time, read from the report so they match report.json exactly.
/// </summary>
internal static class StepDetails
{
    public static IReadOnlyList<string> Lines(RunReport report)
    {
        var lines = new List<string>();
        foreach (var model in report.Models)
        {
            foreach (var step in model.Steps)
            {
                lines.Add(F($"modelcompress: {model.Name}: step {step.Index + 1} {step.Kind} ({step.RunnerKey}) {step.DurationMs / 1000:0.00} s{(step.CacheHit ? " (cached)" : "")}"));
                lines.AddRange(step.Facts.Select(f => $"modelcompress: {model.Name}:   {f.Key} = {f.Value}"));
            }

            lines.Add($"modelcompress: {model.Name}: stages " + string.Join(", ", model.Stages.Select(s => F($"{s.Stage} {s.DurationMs:0} ms"))));
        }

        return lines;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
