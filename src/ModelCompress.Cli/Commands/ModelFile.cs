using ModelCompress.Onnx;

namespace ModelCompress.Cli.Commands;

/// <summary>The model file a command was given: loaded, or refused in the one-line form the commands print.</summary>
internal static class ModelFile
{
    /// <summary>Loads <paramref name="file"/>; when it is not a readable ONNX model, writes <c>file: error MCxxxx: why</c> to stderr and returns null.</summary>
    public static OnnxModel? LoadOrReport(string file)
    {
        try
        {
            return OnnxModel.Load(file);
        }
        catch (OnnxFormatException e)
        {
            Console.Error.WriteLine($"{file}: error {Engine.Pipeline.ModelCodes.Of(e.Error)}: {e.Message}");
            return null;
        }
    }
}
