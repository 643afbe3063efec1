using ModelCompress.Onnx.Proto;
using ModelCompress.Onnx.Tests.Support;

namespace ModelCompress.Onnx.Tests;

/// <summary>External data is mapped, not copied: loading gigabytes of weights must not cost gigabytes of heap.</summary>
public sealed class MappedExternalDataTests
{
    private const int Dim = 2048; // one 16 MiB weight

    [Fact]
    public void Loading_external_data_allocates_far_less_than_the_weights_and_reads_the_same_values()
    {
        var path = Path.Combine(TestFiles.TempFolder("mapped"), "w.onnx");
        var values = Enumerable.Range(0, Dim * Dim).Select(i => (float)Math.Sin(i)).ToArray();
        Model(OnnxTensor.FromFloats("w", [Dim, Dim], values)).Save(path, new OnnxSaveOptions(UseExternalData: true));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var loaded = OnnxModel.Load(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 1 << 20, $"loading allocated {allocated} bytes for {values.Length * 4} bytes of weights");
        Assert.True(loaded.Graph.TryGetInitializer("w", out var w));
        Assert.Equal(values, w.ToFloatArray());
    }

    [Fact]
    public void A_loaded_model_saves_over_its_own_files_and_loads_back_the_same()
    {
        var path = Path.Combine(TestFiles.TempFolder("mapped-resave"), "w.onnx");
        var values = Enumerable.Range(0, Dim * Dim).Select(i => (float)i).ToArray();
        Model(OnnxTensor.FromFloats("w", [Dim, Dim], values)).Save(path, new OnnxSaveOptions(UseExternalData: true));
        var loaded = OnnxModel.Load(path);

        // The data file is replaced by a rename while the old one is still mapped: the mapping keeps the old bytes.
        loaded.Save(path, new OnnxSaveOptions(UseExternalData: true));

        Assert.True(OnnxModel.Load(path).Graph.TryGetInitializer("w", out var w));
        Assert.Equal(values, w.ToFloatArray());
        Assert.True(loaded.Graph.TryGetInitializer("w", out var stillMapped));
        Assert.Equal(values, stillMapped.ToFloatArray());
    }

    [Fact]
    public void An_empty_tensor_in_an_empty_data_file_loads_as_empty()
    {
        var folder = TestFiles.TempFolder("mapped-empty");
        var proto = Model(OnnxTensor.FromFloats("w", [0, 4], [])).Proto;
        var tensor = proto.Graph.Initializer[0];
        tensor.ClearRawData();
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "empty.data" });
        File.WriteAllBytes(Path.Combine(folder, "empty.data"), []);
        File.WriteAllBytes(Path.Combine(folder, "m.onnx"), Google.Protobuf.MessageExtensions.ToByteArray(proto));

        var loaded = OnnxModel.Load(Path.Combine(folder, "m.onnx"));

        Assert.True(loaded.Graph.TryGetInitializer("w", out var w));
        Assert.Empty(w.ToFloatArray());
    }

    private static OnnxModel Model(OnnxTensor weight)
    {
        var graph = new GraphProto { Name = "g" };
        graph.Initializer.Add(weight.ToProto());
        graph.Input.Add(new ValueInfoProto { Name = "x" });
        graph.Node.Add(new NodeProto { OpType = "MatMul", Input = { "x", "w" }, Output = { "y" } });
        graph.Output.Add(new ValueInfoProto { Name = "y" });
        var proto = new ModelProto { IrVersion = 8, Graph = graph };
        proto.OpsetImport.Add(new OperatorSetIdProto { Version = 17 });
        return new OnnxModel(proto);
    }
}
