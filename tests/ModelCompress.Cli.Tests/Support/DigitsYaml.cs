namespace ModelCompress.Cli.Tests.Support;

/// <summary>
/// The compression.yaml that engine tests write for the digits fixtures: one model, <c>digits</c>, judged on x_test
/// and y_test of data/digits.npz. Tests name only what differs; the lines come out in a fixed order, so tests that
/// assert a diagnostic's line can count them: 4 source, 5 data, 6 path, 7 inputs, 8 labels, then the extra data
/// lines, <c>steps:</c> and the steps, evaluation, and <c>budgets:</c> with its lines.
/// </summary>
internal static class DigitsYaml
{
    /// <summary>Quick evaluation: enough to judge accuracy, not to measure latency.</summary>
    public const string QuickEvaluation = "{ iterations: 5, warmup: 1 }";

    /// <summary>The data lines training steps read: x_train to train on, x_calib to pick epochs (never the test rows).</summary>
    public const string TrainingData = """
        train: { inputs: { input: x_train }, labels: y_train }
        validation: { inputs: { input: x_calib }, labels: y_calib }
        """;

    /// <param name="steps">The step lines, each starting with "- ".</param>
    /// <param name="budgets">Lines under <c>budgets:</c>; none when empty.</param>
    /// <param name="source">The fixture under models/, e.g. digits_cnn.onnx.</param>
    /// <param name="data">Lines under <c>data:</c> after labels (calibration, train, validation); none when empty.</param>
    /// <param name="evaluation">The value of <c>evaluation:</c>.</param>
    public static string For(string steps, string budgets = "", string source = "digits_cnn.onnx", string data = "", string evaluation = QuickEvaluation)
    {
        var lines = new List<string>
        {
            "version: 1",
            "models:",
            "  digits:",
            $"    source: models/{source}",
            "    data:",
            "      path: data/digits.npz",
            "      inputs: { input: x_test }",
            "      labels: y_test",
        };
        lines.AddRange(Indent(data));
        lines.Add("    steps:");
        lines.AddRange(Indent(steps));
        lines.Add($"    evaluation: {evaluation}");
        if (budgets.Length > 0)
        {
            lines.Add("    budgets:");
            lines.AddRange(Indent(budgets));
        }

        return string.Join("\n", lines);
    }

    private static IEnumerable<string> Indent(string block) => block.Length == 0
        ? []
        : block.Split('\n').Select(line => "      " + line.TrimEnd('\r'));
}
