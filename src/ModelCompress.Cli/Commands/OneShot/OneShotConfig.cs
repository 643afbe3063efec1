using ModelCompress.Cli.Output;

namespace ModelCompress.Cli.Commands.OneShot;

/// <summary>Writes the compression.yaml a one-shot request stands for (see <see cref="OneShotYaml"/>).</summary>
internal static class OneShotConfig
{
    /// <exception cref="CompressionException">MC5263, MC5264, MC5266, MC5267: data options that do not fit together.</exception>
    public static OneShotYaml Build(OneShotRequest request)
    {
        var yaml = new OneShotYaml()
            .Line("version: 1", $"modelcompress {request.Command}")
            .Line("models:", $"modelcompress {request.Command}")
            .Line($"  {request.ModelName}:", $"--output {request.OutputPath}")
            .Line($"    source: {OneShotYaml.Quote(request.ModelPath)}", $"MODEL {request.ModelPath}");
        WriteData(yaml, request);
        yaml.Line("    steps:", $"modelcompress {request.Command}");
        request.WriteStep(yaml);
        return yaml;
    }

    private static void WriteData(OneShotYaml yaml, OneShotRequest r)
    {
        if (r.CalibrationPath is { } calibration && r.DataPath is { } data && !string.Equals(calibration, data, StringComparison.Ordinal))
        {
            throw new CompressionException(CliDiagnostics.CalibrationFileDiffers(calibration, data));
        }

        var file = r.DataPath ?? r.CalibrationPath;
        if (file is null)
        {
            if (r.CalibrationInputs.Count > 0 || r.Inputs.Count > 0 || r.Labels is not null)
            {
                throw new CompressionException(CliDiagnostics.ArraysWithoutFile());
            }

            return;
        }

        if (r.CalibrationPath is not null && r.CalibrationInputs.Count == 0)
        {
            throw new CompressionException(CliDiagnostics.CalibrationNeedsArrays(r.CalibrationPath));
        }

        IReadOnlyList<string>? inputs = null;
        IReadOnlyList<string>? Inputs() => inputs ??= OneShotBinding.InputsOf(r.ModelPath);
        var calibrationInputs = OneShotBinding.Named(r.CalibrationInputs, "--calibration-input", Inputs);
        // Without --data the model is measured on the calibration rows: agreement with the original, no labels.
        var (evaluationInputs, option) = r.Inputs.Count > 0 || r.DataPath is not null
            ? (OneShotBinding.Named(r.Inputs, "--input", Inputs), "--input")
            : (calibrationInputs, "--calibration-input");
        var fileOption = r.DataPath is not null ? "--data" : "--calibration";
        yaml.Line("    data:", $"{fileOption} {file}")
            .Line($"      path: {OneShotYaml.Quote(file)}", $"{fileOption} {file}");
        Bindings(yaml, "inputs", evaluationInputs, option, $"{fileOption} {file}");
        if (r.Labels is { } labels)
        {
            yaml.Line($"      labels: {OneShotYaml.Quote(labels)}", $"--labels {labels}");
        }

        Bindings(yaml, "calibration", calibrationInputs, "--calibration-input", $"--calibration {file}");
    }

    private static void Bindings(OneShotYaml yaml, string key, IReadOnlyList<OneShotBinding> bindings, string option, string ownerLabel)
    {
        if (bindings.Count == 0)
        {
            return;
        }

        yaml.Line($"      {key}:", ownerLabel);
        foreach (var b in bindings)
        {
            yaml.Line($"        {OneShotYaml.Quote(b.ModelInput!)}: {OneShotYaml.Quote(b.Array)}", $"{option} {b.ModelInput}={b.Array}");
        }
    }
}
