using System.Text;

namespace ModelCompress.Cli.Commands.OneShot;

/// <summary>
/// The compression.yaml a one-shot command stands for, written line by line so each line remembers the option it
/// came from: the config reader then validates the command line exactly as it validates a file, and a diagnostic
/// it places on a line is told back to the user as that option.
/// </summary>
internal sealed class OneShotYaml
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _labels = [];

    public string Text => _text.ToString();

    /// <summary>Appends one line; <paramref name="label"/> (e.g. "--sparsity 1.5") names its origin.</summary>
    public OneShotYaml Line(string text, string label)
    {
        _text.Append(text).Append('\n');
        _labels.Add(label);
        return this;
    }

    /// <summary>The option a 1-based line came from; null outside the text.</summary>
    public string? LabelOf(int line) => line >= 1 && line <= _labels.Count ? _labels[line - 1] : null;

    /// <summary>A single-quoted YAML scalar: nothing in it is read as syntax.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
