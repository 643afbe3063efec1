using ModelCompress.Cli.Output;

namespace ModelCompress.Cli.Commands.OneShot;

/// <summary>What a one-shot command was asked to do, with every path already made absolute.</summary>
/// <param name="Command">The command's name (quantize, prune), for messages.</param>
/// <param name="ModelPath">The source model.</param>
/// <param name="OutputPath">Where the compressed model goes.</param>
/// <param name="DataPath">Evaluation data (--data), if any.</param>
/// <param name="Inputs">Evaluation input bindings (--input).</param>
/// <param name="Labels">Evaluation labels array (--labels), if any.</param>
/// <param name="CalibrationPath">Calibration data (--calibration), if any.</param>
/// <param name="CalibrationInputs">Calibration input bindings (--calibration-input).</param>
/// <param name="WriteStep">Writes the one step's YAML lines.</param>
/// <param name="CacheDirectory">The step cache (--cache-dir), or null for the default beside the report.</param>
/// <param name="Plain">Plain lines instead of progress bars.</param>
/// <param name="Verbosity">How much to print.</param>
internal sealed record OneShotRequest(
    string Command,
    string ModelPath,
    string OutputPath,
    string? DataPath,
    IReadOnlyList<OneShotBinding> Inputs,
    string? Labels,
    string? CalibrationPath,
    IReadOnlyList<OneShotBinding> CalibrationInputs,
    Action<OneShotYaml> WriteStep,
    string? CacheDirectory,
    bool Plain,
    Verbosity Verbosity)
{
    /// <summary>
    /// The folder beside the output that holds the generated compression.yaml, report.json, report.md and, by
    /// default, the cache: <c>OUT.modelcompress/</c>.
    /// </summary>
    public string WorkDirectory => OutputPath + ".modelcompress";

    /// <summary>The model's name in the generated config: the output's file name made a safe model name.</summary>
    public string ModelName
    {
        get
        {
            var stem = Path.GetFileNameWithoutExtension(OutputPath);
            var name = new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
            name = name.Length == 0 || !char.IsAsciiLetter(name[0]) ? "model" + (name.Length == 0 ? "" : "_" + name) : name;
            return name[..Math.Min(name.Length, 100)]; // model names are capped (MC1150); the stem only has to be recognisable
        }
    }
}
