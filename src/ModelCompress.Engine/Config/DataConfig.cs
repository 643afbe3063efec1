namespace ModelCompress.Engine.Config;

/// <summary>The data a model is evaluated (and possibly calibrated and trained) on.</summary>
/// <param name="Path">Absolute path of the data file.</param>
/// <param name="PathPosition">Position of the path value.</param>
/// <param name="Format">File format (from the extension unless <c>format:</c> is set).</param>
/// <param name="Inputs">Evaluation inputs; for .npy one binding of the file's array (named after the file) to the model's only input.</param>
/// <param name="Labels">Evaluation labels, if any.</param>
/// <param name="Calibration">Calibration inputs, if any.</param>
/// <param name="Train">Training split, if any.</param>
/// <param name="Validation">Validation split for best-epoch selection, if any.</param>
/// <param name="Position">The <c>data:</c> key.</param>
public sealed record DataConfig(
    string Path,
    SourcePosition PathPosition,
    DataFormat Format,
    IReadOnlyList<InputBinding> Inputs,
    ArrayRef? Labels,
    IReadOnlyList<InputBinding>? Calibration,
    SplitConfig? Train,
    SplitConfig? Validation,
    SourcePosition Position)
{
    internal static DataConfig? Read(MappingReader map)
    {
        var context = map.Context;
        if (!map.Require("path", "Add 'path:' with the .npz, .npy or .csv file, relative to this file.")
            || map.Text("path") is not { } given)
        {
            return null;
        }

        var pathAt = map.Value("path")!.Position;
        var path = context.ResolveFile(given, pathAt, "Data file");
        var format = map.Has("format") ? map.Choice<DataFormat>("format") : FormatOf(given);
        if (format is null)
        {
            if (!map.Has("format"))
            {
                context.Report(ConfigDiagnostics.UnknownDataFormat(pathAt, given));
            }

            return null;
        }

        if (format == DataFormat.Npy)
        {
            map.Forbid("the data file is .npy", "A .npy file holds one array that feeds the model's only input; use .npz for inputs, labels and splits.",
                "inputs", "labels", "calibration", "train", "validation");
            // The one array is named after the file (as the .npy reader names it); the empty input name means "the model's only input".
            InputBinding[] only = [new("", System.IO.Path.GetFileNameWithoutExtension(path), pathAt)];
            return new DataConfig(path, pathAt, DataFormat.Npy, only, null, null, null, null, map.Owner);
        }

        if (format == DataFormat.Csv)
        {
            map.Forbid("the data file is .csv", "A CSV file holds one table; use .npz for calibration, training and validation splits.",
                "calibration", "train", "validation");
        }

        if (!map.Require("inputs", "Add 'inputs:' mapping each model input to its array (or CSV columns).")
            || BindingReader.Read(map.Value("inputs")!, "inputs", format.Value, context) is not { } inputs)
        {
            return null;
        }

        var labels = map.Text("labels") is { } l ? new ArrayRef(l, map.Value("labels")!.Position) : null;
        var calibration = ReadCalibration(map, inputs, format.Value);
        var train = ReadSplit(map, "train", inputs, format.Value);
        var validation = ReadSplit(map, "validation", inputs, format.Value);
        return new DataConfig(path, pathAt, format.Value, inputs, labels, calibration, train, validation, map.Owner);
    }

    private static DataFormat? FormatOf(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".npz" => DataFormat.Npz,
        ".npy" => DataFormat.Npy,
        ".csv" => DataFormat.Csv,
        _ => null,
    };

    private static IReadOnlyList<InputBinding>? ReadCalibration(MappingReader map, IReadOnlyList<InputBinding> inputs, DataFormat format)
    {
        if (format == DataFormat.Csv || map.Value("calibration") is not { } node)
        {
            return null;
        }

        if (node is YScalar)
        {
            if (inputs.Count != 1)
            {
                map.Context.Report(ConfigDiagnostics.WrongType(
                    node.Position, "calibration", "a mapping of model input to array (data.inputs binds several inputs)", node.Describe()));
                return null;
            }

            return ScalarValues.Text(node, "calibration", map.Context) is { } array
                ? [new InputBinding(inputs[0].ModelInput, array, node.Position)]
                : null;
        }

        var calibration = BindingReader.Read(node, "calibration", format, map.Context);
        if (calibration is not null)
        {
            BindingReader.CheckSameInputs(inputs, calibration, node, $"{map.Path}.calibration", map.Context);
        }

        return calibration;
    }

    private static SplitConfig? ReadSplit(MappingReader map, string key, IReadOnlyList<InputBinding> inputs, DataFormat format)
    {
        if (format == DataFormat.Csv || map.Section(key, ConfigKeys.DataSplit) is not { } split)
        {
            return null;
        }

        if (!split.Require("inputs", "Add 'inputs:' mapping each model input to its array.")
            || BindingReader.Read(split.Value("inputs")!, "inputs", format, map.Context) is not { } bindings)
        {
            return null;
        }

        BindingReader.CheckSameInputs(inputs, bindings, split.Value("inputs")!, $"{split.Path}.inputs", map.Context);
        var labels = split.Text("labels") is { } l ? new ArrayRef(l, split.Value("labels")!.Position) : null;
        return new SplitConfig(bindings, labels);
    }
}
