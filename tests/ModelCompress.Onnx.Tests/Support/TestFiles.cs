namespace ModelCompress.Onnx.Tests.Support;

/// <summary>Paths of the fixtures copied next to the test assembly, and scratch folders per test.</summary>
internal static class TestFiles
{
    public static string Digits(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "digits", file);

    public static string Cnn => Digits("digits_cnn.onnx");

    public static string Mlp => Digits("digits_mlp.onnx");

    public static string CnnBn => Digits("digits_cnn_bn.onnx");

    /// <summary>A fresh, empty folder under the test output, unique per call.</summary>
    public static string TempFolder(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "scratch", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
