namespace ModelCompress.Engine.Steps;

/// <summary>
/// A search that steers compression (<c>sparsity: auto</c>) must not be fed the evaluation rows the budget is judged
/// on, whatever array name they come under: checked by content with <see cref="RowOverlap"/>.
/// </summary>
internal static class SearchRows
{
    /// <exception cref="CompressionException">MC3313: every search row is an evaluation row.</exception>
    public static void Check(IReadOnlyDictionary<string, NdArray> rows, EvalDataset data, string what, SourcePosition? at, Action<Diagnostic> report)
    {
        var total = rows.Values.First().Rows;
        var shared = RowOverlap.Count(rows, data.Inputs);
        if (shared == total)
        {
            throw new CompressionException(Diagnostic.Error("MC3313",
                $"{what} searches on data.calibration, but all {total} calibration rows are evaluation rows (data.inputs): the search would " +
                "be fitted to the test split the budget is judged on. Point 'calibration:' at rows kept apart (a slice of the training data).", at));
        }

        if (shared > 0)
        {
            report(Diagnostic.Warning("MC3314",
                $"{what}: {shared} of the {total} calibration rows are also evaluation rows (data.inputs), so the search saw part of the test " +
                "split. Keep calibration rows apart from the evaluation rows.", at));
        }
    }
}
