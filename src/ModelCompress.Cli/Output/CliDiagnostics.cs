namespace ModelCompress.Cli.Output;

/// <summary>
/// MC5260–MC5279: problems with what the command line asked the tool to write or read that a compression.yaml
/// cannot have (YAML problems keep their own MC1xxx codes, with the option named instead of a position).
/// </summary>
internal static class CliDiagnostics
{
    /// <summary>MC5260: an output file option names an existing folder.</summary>
    public static Diagnostic OutputIsDirectory(string option, string path) => Diagnostic.Error(
        "MC5260",
        $"{option} names the folder '{path}'; it must be a file path (e.g. {Path.Combine(path, option == "--junit" ? "modelcompress.junit.xml" : "model.compressed.onnx")}).",
        file: path);

    /// <summary>MC5261: the JUnit file could not be written.</summary>
    public static Diagnostic JUnitNotWritable(string path, string reason) => Diagnostic.Error(
        "MC5261",
        $"Could not write the JUnit file '{path}': {reason}. Pass --junit a path in a writable folder.",
        file: path);

    /// <summary>MC5262: the GitHub step summary could not be appended to (a warning: the run itself is fine).</summary>
    public static Diagnostic StepSummaryNotWritable(string path, string reason) => Diagnostic.Warning(
        "MC5262",
        $"Could not append the run summary to GITHUB_STEP_SUMMARY ('{path}'): {reason}. Check the variable names a writable file, or unset it.",
        file: path);

    /// <summary>MC5263: calibration and evaluation arrays given in two different files.</summary>
    public static Diagnostic CalibrationFileDiffers(string calibration, string data) => Diagnostic.Error(
        "MC5263",
        $"--calibration '{calibration}' and --data '{data}' are different files; calibration arrays are read from the data file (as data.calibration is in compression.yaml). Put both splits in one .npz, or pass only --calibration.",
        file: calibration);

    /// <summary>MC5264: an array given without the model input it feeds, for a model with several inputs.</summary>
    public static Diagnostic BindingNeedsInputName(string option, string array, IReadOnlyList<string> inputs) => Diagnostic.Error(
        "MC5264",
        $"{option} {array} does not say which model input it feeds, and the model has {inputs.Count} inputs ({string.Join(", ", inputs)}). Write {option} NAME=ARRAY for each input.",
        file: null);

    /// <summary>MC5265: the compressed model could not be written to --output.</summary>
    public static Diagnostic OutputNotWritable(string path, string reason) => Diagnostic.Error(
        "MC5265",
        $"Could not write the compressed model to --output '{path}': {reason}. Choose a path in a writable folder.",
        file: path);

    /// <summary>MC5266: --calibration without any array to calibrate on.</summary>
    public static Diagnostic CalibrationNeedsArrays(string path) => Diagnostic.Error(
        "MC5266",
        $"--calibration '{path}' is given but no array is named: add --calibration-input NAME=ARRAY (or ARRAY for a model with one input).",
        file: path);

    /// <summary>MC5267: arrays named with no file to read them from.</summary>
    public static Diagnostic ArraysWithoutFile() => Diagnostic.Error(
        "MC5267",
        "--input, --labels or --calibration-input name arrays, but no file holds them: add --data FILE (evaluation) or --calibration FILE.",
        file: null);
}
