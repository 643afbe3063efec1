using ModelCompress.Cli.Commands.OneShot;

namespace ModelCompress.Cli.Commands;

/// <summary>
/// <c>modelcompress prune MODEL --sparsity 0.5 [--method magnitude|channel|nm] [--data DATA] --output OUT.onnx</c>:
/// one one-shot prune step through the engine, as a compression.yaml with that step would run it.
/// </summary>
internal static class PruneCommand
{
    public static Command Create()
    {
        var common = new OneShotOptions();
        var sparsity = new Option<double?>("--sparsity") { Description = "Fraction to remove, between 0 and 1: weights (magnitude) or channels of each pruned group (channel). Not for nm." };
        var method = new Option<string>("--method") { Description = "magnitude (weights zeroed, default), channel (channels removed: smaller and faster) or nm.", DefaultValueFactory = _ => "magnitude" };
        var n = new Option<int?>("--n") { Description = "--method nm: weights kept in every group of m (default 2)." };
        var m = new Option<int?>("--m") { Description = "--method nm: group length (default 4)." };
        var command = new Command("prune", "Prune one model one-shot (one prune step, run, evaluated and reported like `run`).") { sparsity, method, n, m };
        common.AddTo(command);
        command.SetAction(result =>
        {
            var methodText = result.GetValue(method)!;
            // Only what was given is written: the config reader then says what is missing or does not belong to
            // the method (sparsity for nm, n and m for the others), with the codes a file would get.
            var settings = new (string Key, string? Value)[]
            {
                ("sparsity", result.GetValue(sparsity)?.ToString("R", CultureInfo.InvariantCulture)),
                ("n", result.GetValue(n)?.ToString(CultureInfo.InvariantCulture)),
                ("m", result.GetValue(m)?.ToString(CultureInfo.InvariantCulture)),
            };
            void Step(OneShotYaml yaml)
            {
                yaml.Line("      - prune:", $"--method {methodText}")
                    .Line($"          method: {OneShotYaml.Quote(methodText)}", $"--method {methodText}");
                foreach (var (key, value) in settings.Where(s => s.Value is not null))
                {
                    yaml.Line($"          {key}: {value}", $"--{key} {value}");
                }
            }

            return OneShotRun.Execute(common.Request(result, "prune", Step));
        });
        return command;
    }
}
