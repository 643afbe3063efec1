namespace ModelCompress.Torch.Tests.Support;

/// <summary>Paths of the shared fixtures copied next to the tests, and loading helpers.</summary>
internal static class Fixtures
{
    public static string TestData => Path.Combine(AppContext.BaseDirectory, "TestData");

    public static string Digits(string file) => Path.Combine(TestData, "digits", file);

    public static string Npz => Digits("digits.npz");

    public static ModelProto Load(string relativePath) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(TestData, relativePath)));

    /// <summary>Rows of x_* as a [N,1,8,8] float tensor.</summary>
    public static torch.Tensor Images(string split, int take = int.MaxValue)
    {
        var (data, shape) = Support.Npz.Floats(Npz, split);
        var rows = (int)Math.Min(shape[0], take);
        var per = (int)(shape[1] * shape[2] * shape[3]);
        return torch.tensor(data.AsSpan(0, rows * per).ToArray(), [rows, shape[1], shape[2], shape[3]]);
    }

    public static torch.Tensor Labels(string split, int take = int.MaxValue)
    {
        var (data, shape) = Support.Npz.Longs(Npz, split);
        return torch.tensor(data.Take((int)Math.Min(shape[0], take)).ToArray());
    }
}
