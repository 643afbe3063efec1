namespace ModelCompress.Cli.Tests.Support;

/// <summary>
/// The digits config that training pipelines share: test rows judged, x_train to train on, x_calib to pick epochs
/// (never the test rows), quick evaluation. Tests name only the model, the steps and the budgets.
/// </summary>
internal static class TrainingRecipe
{
    /// <param name="source">The fixture under models/, e.g. digits_cnn.onnx.</param>
    /// <param name="steps">The step lines, each starting with "- ".</param>
    /// <param name="budgets">Lines under <c>budgets:</c>; none when empty.</param>
    public static string For(string source, string steps, string budgets = "")
    {
        var text = $$"""
            version: 1
            models:
              digits:
                source: models/{{source}}
                data:
                  path: data/digits.npz
                  inputs: { input: x_test }
                  labels: y_test
                  train: { inputs: { input: x_train }, labels: y_train }
                  validation: { inputs: { input: x_calib }, labels: y_calib }
                steps:
            {{Indent(steps, 6)}}
                evaluation: { iterations: 5, warmup: 1 }

            """;
        return budgets.Length == 0 ? text : text + "    budgets:\n" + Indent(budgets, 6) + "\n";
    }

    private static string Indent(string lines, int spaces) =>
        string.Join("\n", lines.Split('\n').Select(line => new string(' ', spaces) + line.TrimEnd('\r')));
}
