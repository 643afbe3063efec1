namespace ModelCompress.Engine.Tests.Data;

public sealed class DatasetLoaderTests
{
    private static readonly ModelSignature Cnn = ModelSignature.FromOnnx(OnnxModel.Load(DigitsData.Model("digits_cnn.onnx")));

    [Fact]
    public void Signature_of_the_cnn_has_a_symbolic_batch()
    {
        var input = Assert.Single(Cnn.Inputs);

        Assert.Equal("input", input.Name);
        Assert.Equal(NdElementType.Float32, input.ElementType);
        Assert.Equal([-1L, 1, 8, 8], input.Dims);
        Assert.Equal("logits", Assert.Single(Cnn.Outputs).Name);
    }

    [Fact]
    public void Digits_npz_loads_every_split()
    {
        var source = new DataSource(DigitsData.Model("digits.npz"), "npz", [new("", "x_test")], "y_test",
            [new("input", "x_calib")], new SplitSource([new("input", "x_train")], "y_train"), null);

        var data = DatasetLoader.Load(source, Cnn);

        Assert.Equal(497, data.Count);
        Assert.Equal([497L, 1, 8, 8], data.Inputs["input"].Shape);
        Assert.Equal(497, data.Labels!.Length);
        Assert.Equal(100, data.Calibration!["input"].Rows);
        Assert.Equal(1200, data.Train!.Count);
        Assert.Equal(1200, data.Train.Labels!.Length);
        Assert.Null(data.Validation);
    }

    [Fact]
    public void Csv_columns_are_reshaped_to_the_model_input()
    {
        var source = new DataSource(DigitsData.Model("digits_test.csv"), "csv", [new("input", "p0..p63")], "label", null, null, null);

        var data = DatasetLoader.Load(source, Cnn);

        Assert.Equal([497L, 1, 8, 8], data.Inputs["input"].Shape);
        Assert.Equal(NdElementType.Float32, data.Inputs["input"].ElementType);
        Assert.Equal(5L, data.Labels![0]);
    }

    [Fact]
    public void Missing_file_is_MC4001()
    {
        var error = LoadError(new DataSource("/nonexistent/d.npz", "npz", [new("", "x")], null, null, null, null));

        Assert.Equal("MC4001", error.Code);
        Assert.Equal("/nonexistent/d.npz", error.File);
    }

    [Fact]
    public void Missing_array_is_MC4004_listing_the_arrays()
    {
        using var dir = new TempDir();
        var error = LoadError(Npz(dir, ("x", NpyFiles.Floats(new float[64], 1, 1, 8, 8))) with { Inputs = [new("", "x_tset")] });

        Assert.Equal("MC4004", error.Code);
        Assert.Contains("'x_tset'", error.Message);
        Assert.Contains("'x'", error.Message);
    }

    [Fact]
    public void Float64_inputs_are_accepted_as_float32()
    {
        using var dir = new TempDir();
        var body = System.Runtime.InteropServices.MemoryMarshal.AsBytes(new double[128].AsSpan());
        var source = Npz(dir, ("x", NpyFiles.Npy("<f8", [2, 1, 8, 8], body)));

        Assert.Equal(NdElementType.Float32, DatasetLoader.Load(source, Cnn).Inputs["input"].ElementType);
    }

    [Fact]
    public void Shape_mismatch_is_MC4006_naming_input_array_and_shapes()
    {
        using var dir = new TempDir();
        var error = LoadError(Npz(dir, ("x", NpyFiles.Floats(new float[128], 2, 64))));

        Assert.Equal("MC4006", error.Code);
        Assert.Contains("'x'", error.Message);
        Assert.Contains("'input'", error.Message);
        Assert.Contains("[2,64]", error.Message);
        Assert.Contains("[?,1,8,8]", error.Message);
    }

    [Fact]
    public void Row_count_mismatch_is_MC4007()
    {
        using var dir = new TempDir();
        var error = LoadError(Npz(dir, ("x", NpyFiles.Floats(new float[128], 2, 1, 8, 8)), ("y", NpyFiles.Longs([1, 2, 3], 3))) with { Labels = "y" });

        Assert.Equal("MC4007", error.Code);
        Assert.Contains("input: 2", error.Message);
        Assert.Contains("labels 'y': 3", error.Message);
    }

    [Fact]
    public void Float_labels_are_MC4008()
    {
        using var dir = new TempDir();
        var error = LoadError(Npz(dir, ("x", NpyFiles.Floats(new float[64], 1, 1, 8, 8)), ("y", NpyFiles.Floats([1f], 1))) with { Labels = "y" });

        Assert.Equal("MC4008", error.Code);
        Assert.Contains("float32", error.Message);
    }

    [Fact]
    public void NaN_is_MC4009_with_the_first_bad_index()
    {
        using var dir = new TempDir();
        var values = new float[128];
        values[64 + 9] = float.NaN;
        var error = LoadError(Npz(dir, ("x", NpyFiles.Floats(values, 2, 1, 8, 8))));

        Assert.Equal("MC4009", error.Code);
        Assert.Contains("NaN", error.Message);
        Assert.Contains("[1,0,1,1]", error.Message);
    }

    [Fact]
    public void Binding_to_an_unknown_model_input_is_MC4010_listing_the_real_inputs()
    {
        using var dir = new TempDir();
        var source = Npz(dir, ("x", NpyFiles.Floats(new float[64], 1, 1, 8, 8))) with { Inputs = [new("pixels", "x")] };
        var errors = Assert.Throws<CompressionException>(() => DatasetLoader.Load(source, Cnn)).Diagnostics;

        // One mistake, one error: the input the misnamed binding missed is not reported again (MC4014).
        var unknown = Assert.Single(errors);
        Assert.Equal("MC4010", unknown.Code);
        Assert.Contains("'pixels'", unknown.Message);
        Assert.Contains("'input'", unknown.Message);
    }

    [Fact]
    public void Csv_missing_column_is_MC4015()
    {
        var source = new DataSource(DigitsData.Model("digits_test.csv"), "csv", [new("input", "p0..p64")], null, null, null, null);

        var error = LoadError(source);
        Assert.Equal("MC4015", error.Code);
        Assert.Contains("'p64'", error.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        using var dir = new TempDir();
        var source = Npz(dir, ("x", NpyFiles.Floats(new float[128], 2, 64)), ("y", NpyFiles.Floats([1f, 2f], 2))) with
        {
            Labels = "y",
            Calibration = [new("input", "nope")],
        };

        var codes = Assert.Throws<CompressionException>(() => DatasetLoader.Load(source, Cnn)).Diagnostics.Select(d => d.Code).Order().ToArray();
        Assert.Equal(["MC4004", "MC4006", "MC4008"], codes);
    }

    private static Diagnostic LoadError(DataSource source) =>
        Assert.Single(Assert.Throws<CompressionException>(() => DatasetLoader.Load(source, Cnn)).Diagnostics);

    private static DataSource Npz(TempDir dir, params (string Name, byte[] Bytes)[] arrays)
    {
        var path = dir.File("data.npz");
        NpyFiles.Npz(path, arrays.ToDictionary(a => a.Name, a => a.Bytes));
        return new DataSource(path, "npz", [new("", "x")], null, null, null, null);
    }
}
