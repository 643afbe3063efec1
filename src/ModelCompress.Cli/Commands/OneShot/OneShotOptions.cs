using ModelCompress.Cli.Output;

namespace ModelCompress.Cli.Commands.OneShot;

/// <summary>The arguments every one-shot command takes: model, output, data, cache and output style.</summary>
internal sealed class OneShotOptions
{
    public Argument<string> Model { get; } = new("model") { Description = "The ONNX model to compress." };

    public Option<string> Output { get; } = new("--output", "-o") { Description = "Where to write the compressed model (.onnx). Its report goes to OUTPUT.modelcompress/.", Required = true };

    public Option<string?> Data { get; } = new("--data") { Description = "Evaluation data: a .npz, .npy or .csv file (accuracy with --labels, else agreement with the original)." };

    public Option<string[]> Inputs { get; } = new("--input") { Description = "Model input = array of --data, e.g. input=x_test (just the array for a one-input model). Repeatable.", AllowMultipleArgumentsPerToken = true };

    public Option<string?> Labels { get; } = new("--labels") { Description = "Array of integer labels in --data." };

    public Option<string> CacheDir { get; } = CommonOptions.CacheDir();

    public Option<bool> Plain { get; } = new("--plain") { Description = "Plain log lines instead of progress bars." };

    public Option<Verbosity> Verbosity { get; } = CommonOptions.Verbosity();

    public void AddTo(Command command)
    {
        command.Arguments.Add(Model);
        foreach (var option in new Option[] { Output, Data, Inputs, Labels, CacheDir, Plain, Verbosity })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The request these options describe; <paramref name="calibration"/> and its arrays only for quantize.</summary>
    public OneShotRequest Request(ParseResult result, string command, Action<OneShotYaml> writeStep, string? calibration = null, string[]? calibrationInputs = null) => new(
        command,
        Path.GetFullPath(result.GetValue(Model)!),
        Path.GetFullPath(result.GetValue(Output)!),
        Full(result.GetValue(Data)),
        OneShotBinding.Parse(result.GetValue(Inputs)),
        result.GetValue(Labels),
        Full(calibration),
        OneShotBinding.Parse(calibrationInputs),
        writeStep,
        Full(result.GetValue(CacheDir)),
        result.GetValue(Plain),
        result.GetValue(Verbosity));

    private static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);
}
