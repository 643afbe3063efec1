namespace ModelCompress.Torch.Tests.Training;

/// <summary>The digits splits as the Engine's data layer reads them, for the training tests.</summary>
internal static class DigitsData
{
    private static readonly Lazy<IReadOnlyDictionary<string, NdArray>> Arrays = new(() =>
    {
        using var npz = NpzReader.Open(Fixtures.Npz);
        return npz.Names.ToDictionary(n => n, npz.Read);
    });

    public static NdArray Array(string name) => Arrays.Value[name];

    public static long[] Labels(string name) => (long[])Array(name).Data;

    public static LabeledSplit Split(string x, string? y) => new(Inputs(x), y is null ? null : Labels(y), Array(x).Rows);

    public static IReadOnlyDictionary<string, NdArray> Inputs(string x) => new Dictionary<string, NdArray> { ["input"] = Array(x) };

    /// <summary>Evaluation on x_test/y_test, training on x_train/y_train (labels optional), no validation split.</summary>
    public static EvalDataset Dataset(bool trainLabels = true, LabeledSplit? validation = null) =>
        new(Inputs("x_test"), Labels("y_test"), Array("x_test").Rows, Inputs("x_calib"), Split("x_train", trainLabels ? "y_train" : null), validation);

    public static TrainingData Training(string x, string? y) => TrainingData.FromArrays(Inputs(x), y is null ? null : Labels(y));
}
