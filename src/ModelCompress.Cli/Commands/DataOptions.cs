using ModelCompress.Engine.Data;
using ModelCompress.Onnx;

namespace ModelCompress.Cli.Commands;

/// <summary>The --data/--input/--labels options shared by eval and sensitivity, and the dataset they describe.</summary>
internal sealed class DataOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "A .npz, .npy or .csv file." };

    public Option<string[]> Inputs { get; } = new("--input") { Description = "Model input = array (or CSV columns), e.g. input=x_test. Repeatable.", AllowMultipleArgumentsPerToken = true };

    public Option<string?> Labels { get; } = new("--labels") { Description = "Array (or CSV column) of integer labels." };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Inputs);
        command.Options.Add(Labels);
    }

    public EvalDataset? Load(ParseResult result, OnnxModel model)
    {
        if (result.GetValue(Data) is not { } file)
        {
            return null;
        }

        var full = Path.GetFullPath(file);
        var bindings = (result.GetValue(Inputs) ?? [])
            .Select(b => b.Split('=', 2))
            .Select(p => p.Length == 2 ? new ArrayBinding(p[0], p[1]) : new ArrayBinding("", p[0]))
            .ToList();
        var format = Path.GetExtension(full).TrimStart('.').ToLowerInvariant();
        return DatasetLoader.Load(new DataSource(full, format, bindings, result.GetValue(Labels), null, null, null), ModelSignature.FromOnnx(model));
    }
}
