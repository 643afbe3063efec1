namespace ModelCompress.Engine.Evaluation;

/// <summary>MC3308: a reference model whose outputs cannot be compared with the evaluated model's.</summary>
public static class ReferenceDiagnostics
{
    /// <summary>MC3308: the reference's first output has another row count or width.</summary>
    public static Diagnostic Mismatch(int referenceRows, int referenceWidth, int rows, int width) => Diagnostic.Error("MC3308",
        $"The reference model's first output has {referenceRows} rows of width {referenceWidth}, the evaluated model's {rows} of width {width}. " +
        "Pass a reference with the same outputs (the original of this compressed model) and the same data.");
}
