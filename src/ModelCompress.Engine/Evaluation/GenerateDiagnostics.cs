namespace ModelCompress.Engine.Evaluation;

/// <summary>MC4131–MC4133: generated inputs (<c>data.generate</c>) that do not fit the model.</summary>
public static class GenerateDiagnostics
{
    /// <summary>MC4131: ONNX Runtime refused generated inputs whose symbolic dimensions had to be guessed.</summary>
    public static Diagnostic DimensionsNotBound(string model, IEnumerable<string> guesses, string detail) => Diagnostic.Error(
        "MC4131",
        $"Model '{model}' has no data and these dimensions could not be bound, so 1 was tried: {string.Join("; ", guesses)}. " +
        $"ONNX Runtime refused that ({detail}). Bind them under 'data: {{ generate: {{ <input>: [dims] }} }}', or give a data file.");

    /// <summary>MC4132: <c>data.generate</c> names an input the model does not have.</summary>
    public static Diagnostic UnknownInput(string input, IEnumerable<string> inputs, SourcePosition at) => Diagnostic.Error(
        "MC4132",
        $"'data.generate' names input '{input}', which the model does not have (its inputs are {string.Join(", ", inputs)}). Use one of those names.",
        at);

    /// <summary>MC4133: a generated shape that contradicts the model's declared shape.</summary>
    public static Diagnostic ShapeMismatch(string input, string given, string declared, SourcePosition at) => Diagnostic.Error(
        "MC4133",
        $"'data.generate.{input}' has shape {given} but the model declares {declared}. Keep its rank and its fixed sizes; only symbolic dimensions (?) may be chosen.",
        at);
}
