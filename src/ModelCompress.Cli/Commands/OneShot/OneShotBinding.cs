using ModelCompress.Cli.Output;
using ModelCompress.Engine.Data;

namespace ModelCompress.Cli.Commands.OneShot;

/// <summary>
/// <c>--input NAME=ARRAY</c> (or just <c>ARRAY</c> for a model with one input). YAML names the model input, so a
/// bare array is given the model's only input name, read from the graph.
/// </summary>
internal sealed record OneShotBinding(string? ModelInput, string Array)
{
    public static IReadOnlyList<OneShotBinding> Parse(IEnumerable<string>? values) =>
        (values ?? []).Select(v => v.Split('=', 2)).Select(p => p.Length == 2 ? new OneShotBinding(p[0], p[1]) : new OneShotBinding(null, p[0])).ToList();

    /// <summary>Names every bare binding; <paramref name="inputs"/> is read only when one is bare.</summary>
    public static IReadOnlyList<OneShotBinding> Named(IReadOnlyList<OneShotBinding> bindings, string option, Func<IReadOnlyList<string>?> inputs)
    {
        if (bindings.All(b => b.ModelInput is not null))
        {
            return bindings;
        }

        // A model that cannot be read is reported by the config reader or the engine, with the code a YAML run gives;
        // the placeholder name only keeps the generated config well-formed until then.
        var names = inputs() ?? ["input"];
        if (names.Count != 1)
        {
            throw new CompressionException(CliDiagnostics.BindingNeedsInputName(option, bindings.First(b => b.ModelInput is null).Array, names));
        }

        return bindings.Select(b => b with { ModelInput = b.ModelInput ?? names[0] }).ToList();
    }

    /// <summary>The model's input names, or null when the file is missing (the config reader says so).</summary>
    public static IReadOnlyList<string>? InputsOf(string modelPath) =>
        File.Exists(modelPath) ? ModelSignature.FromOnnx(EvalCommand.Load(modelPath)).Inputs.Select(i => i.Name).ToList() : null;
}
