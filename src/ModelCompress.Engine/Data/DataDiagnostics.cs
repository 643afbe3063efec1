namespace ModelCompress.Engine.Data;

/// <summary>
/// MC4001–MC4049: data files and their fit to the model. No positions here (the config layer maps them to YAML
/// keys); <see cref="Diagnostic.File"/> is the data file, and each message names the array or column.
/// </summary>
public static class DataDiagnostics
{
    public static Diagnostic FileMissing(string file) => Error("MC4001",
        $"Data file '{file}' does not exist. Check the 'data.path' of the model (relative paths are resolved from the config file's folder).", file);

    public static Diagnostic Corrupt(string file, string problem) => Error("MC4002",
        $"Data file '{file}' cannot be read: {problem}. Re-create it (numpy.savez / numpy.save / a CSV with a header row).", file);

    public static Diagnostic UnknownFormat(string file, string format) => Error("MC4003",
        $"Data format '{format}' is not known for '{file}'. Use npz, npy or csv.", file);

    public static Diagnostic ArrayMissing(string file, string array, IEnumerable<string> available) => Error("MC4004",
        $"Array '{array}' is not in '{file}'. It holds: {List(available)}. Fix the array name in the config.", file);

    public static Diagnostic TypeNotConvertible(string file, string array, NdElementType actual, string modelInput, NdElementType wanted) => Error("MC4005",
        $"Array '{array}' in '{file}' holds {actual.DisplayName()}, which cannot feed model input '{modelInput}' ({wanted.DisplayName()}). Save the array as {wanted.DisplayName()}.", file);

    public static Diagnostic ShapeMismatch(string file, string array, long[] arrayShape, string modelInput, long[] inputDims) => Error("MC4006",
        $"Array '{array}' in '{file}' has shape {NdArray.ShapeToText(arrayShape)}, but model input '{modelInput}' expects {NdArray.ShapeToText(inputDims)} " +
        "(the first dimension is the row count and may differ). Reshape the array or bind it to another input.", file);

    public static Diagnostic RowCountMismatch(string file, string what, IEnumerable<string> counts) => Error("MC4007",
        $"The {what} arrays in '{file}' do not have the same number of rows ({string.Join(", ", counts)}). Every input and the labels need one row per sample.", file);

    public static Diagnostic LabelsNotInteger(string file, string array, string detail) => Error("MC4008",
        $"Labels '{array}' in '{file}' are not integer class indices ({detail}). Save them as int64 (e.g. y.astype('int64')).", file);

    public static Diagnostic NotFinite(string file, string array, string value, string index) => Error("MC4009",
        $"Array '{array}' in '{file}' holds {value} at index {index}. Clean the data (e.g. numpy.nan_to_num) before compressing.", file);

    public static Diagnostic UnknownModelInput(string file, string modelInput, string array, IEnumerable<string> realInputs) => Error("MC4010",
        $"Array '{array}' is bound to model input '{modelInput}', which the model does not have. Its inputs are: {List(realInputs)}.", file);

    public static Diagnostic FortranOrder(string file, string array) => Error("MC4011",
        $"Array '{array}' in '{file}' is stored in Fortran order. Save it in C order (numpy.ascontiguousarray(x)) and try again.", file);

    public static Diagnostic BigEndian(string file, string array, string descr) => Error("MC4012",
        $"Array '{array}' in '{file}' is big-endian ('{descr}'). Save it little-endian (x.astype(x.dtype.newbyteorder('<'))).", file);

    public static Diagnostic UnsupportedDtype(string file, string array, string descr) => Error("MC4013",
        $"Array '{array}' in '{file}' has dtype '{descr}', which is not supported. Use float32, float16, float64, int64, int32, uint8 or bool.", file);

    public static Diagnostic InputNotBound(string file, string modelInput, IEnumerable<string> realInputs) => Error("MC4014",
        $"Model input '{modelInput}' has no array bound to it (the model's inputs are {List(realInputs)}). Bind one array to every model input; " +
        "an empty input name is only allowed for a model with one input.", file);

    public static Diagnostic ColumnMissing(string file, string column, IEnumerable<string> header) => Error("MC4015",
        $"Column '{column}' is not in the header of '{file}'. Its columns are: {List(header)}.", file);

    public static Diagnostic BadCsvValue(string file, int line, string column, string text) => Error("MC4016",
        $"Line {line} of '{file}', column '{column}': '{text}' is not a number. Fix the value or drop the row.", file);

    public static Diagnostic LabelsShape(string file, string array, long[] shape) => Error("MC4017",
        $"Labels '{array}' in '{file}' have shape {NdArray.ShapeToText(shape)}; labels need one value per row ([N] or [N,1]).", file);

    public static Diagnostic Empty(string file, string array) => Error("MC4018",
        $"Array '{array}' in '{file}' has no rows. Point the config at data with at least one sample.", file);

    public static Diagnostic UnsupportedInputType(string modelInput, string onnxType) => Diagnostic.Error("MC4019",
        $"Model input '{modelInput}' has element type {onnxType}, which cannot be fed from data files. Only numeric and bool tensor inputs are supported.");

    public static Diagnostic BadColumnSpec(string file, string spec) => Error("MC4020",
        $"Column selection '{spec}' for '{file}' is not valid. Write a range like 'p0..p63' or a comma-separated list of columns.", file);

    public static Diagnostic InputNameNeeded(string file, string array, IEnumerable<string> realInputs) => Error("MC4021",
        $"Array '{array}' is bound without a model input name, but the model has several inputs: {List(realInputs)}. Name the model input it feeds.", file);

    private static Diagnostic Error(string code, string message, string file) => Diagnostic.Error(code, message, file: file);

    private static string List(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "(nothing)" : string.Join(", ", list.Select(n => $"'{n}'"));
    }
}
