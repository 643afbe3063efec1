namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// The rows a search that steers compression (<c>modelcompress sensitivity --config</c>) is run on: the model's
/// validation split (with its labels), else its calibration rows (agreement with the unpruned model), never the
/// evaluation rows the budgets are judged on — unless the caller asks for them, and then it says so loudly.
/// </summary>
public static class SearchData
{
    /// <summary>The rows and a description of where they came from, for the output.</summary>
    /// <exception cref="CompressionException">MC3311: only evaluation data and <paramref name="allowEvaluation"/> is false.</exception>
    public static (EvalDataset Rows, string Source, Diagnostic? Warning) For(ModelConfig model, ModelSignature signature, bool allowEvaluation)
    {
        ArgumentNullException.ThrowIfNull(model);
        var data = DataLoading.Load(model, signature, [])
            ?? throw new CompressionException(Diagnostic.Error("MC3311",
                $"Model '{model.Name}' has no data section: a search needs data.validation (inputs and labels) or data.calibration rows.", model.SourcePosition));
        if (data.Validation is { Count: > 0 } validation)
        {
            return (new EvalDataset(validation.Inputs, validation.Labels, validation.Count, null, null, null), "data.validation", null);
        }

        if (data.Calibration is { Count: > 0 } calibration)
        {
            return (new EvalDataset(calibration, null, calibration.Values.First().Rows, null, null, null), "data.calibration (agreement with the unpruned model)", null);
        }

        var at = model.Data!.Position;
        if (!allowEvaluation)
        {
            throw new CompressionException(Diagnostic.Error("MC3311",
                $"Model '{model.Name}' has neither data.validation nor data.calibration, and a search must not run on the evaluation (test) " +
                "rows its budgets are judged on. Add 'validation:' or 'calibration:' under data with rows kept apart, or pass " +
                "--on-evaluation-data to search on the test split anyway.", at));
        }

        return (data with { Calibration = null, Train = null, Validation = null }, "the EVALUATION (test) data, as --on-evaluation-data asked",
            Diagnostic.Warning("MC3312",
                $"Model '{model.Name}': this search ran on the evaluation (test) data because --on-evaluation-data was given. Choices made from it " +
                "(which layers to prune, how far) are fitted to the rows the accuracy budget is judged on, so that accuracy is no longer an " +
                "unbiased estimate. Add data.validation or data.calibration and search on those.", at));
    }
}
