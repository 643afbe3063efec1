using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using ModelCompress.Onnx.Proto;

// write <folder> <layers> <dim>: a chain of float MatMuls x[1,dim] @ W_i[dim,dim], every weight in one external data
//   file written row by row (never a whole weight in memory), so the model can exceed protobuf's 2 GB limit.
// infer <original.onnx> <compressed.onnx>: one ORT inference of each (from their paths), the relative error of the
//   compressed output, wall time and this process's peak RSS.
var c = CultureInfo.InvariantCulture;
switch (args)
{
    case ["write", var folder, var layers, var dim]:
        Write(folder, int.Parse(layers, c), int.Parse(dim, c));
        return 0;
    case ["infer", var original, var compressed]:
        var reference = Infer(original);
        var actual = Infer(compressed);
        var error = Math.Sqrt(reference.Zip(actual, (a, b) => (double)(a - b) * (a - b)).Sum() / reference.Sum(a => (double)a * a));
        Console.WriteLine(string.Create(c, $"relative L2 error of the compressed output: {error:0.0000}; peak RSS of this process {PeakRssMiB():0} MiB"));
        return 0;
    default:
        Console.Error.WriteLine("usage: LargeModel write <folder> <layers> <dim> | infer <original.onnx> <compressed.onnx>");
        return 2;
}

static void Write(string folder, int layers, int dim)
{
    Directory.CreateDirectory(folder);
    var model = Path.Combine(folder, "large.onnx");
    var dataName = "large.onnx.data";
    var graph = new GraphProto { Name = "large_matmul_chain" };
    graph.Input.Add(Value("x", dim));
    var watch = Stopwatch.StartNew();
    var row = new float[dim];
    var state = 0x9E3779B97F4A7C15UL;
    // Uniform in ±sqrt(3/dim): variance 1/dim, so activations keep their scale through the chain.
    var bound = (float)Math.Sqrt(3.0 / dim);
    using (var data = new FileStream(Path.Combine(folder, dataName), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
    {
        for (var layer = 0; layer < layers; layer++)
        {
            var offset = data.Position;
            for (var r = 0; r < dim; r++)
            {
                for (var i = 0; i < dim; i++)
                {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    row[i] = (((state >> 40) / (float)(1 << 24)) * 2 - 1) * bound;
                }

                data.Write(MemoryMarshal.AsBytes(row.AsSpan()));
            }

            var weight = new TensorProto { Name = $"w{layer}", DataType = (int)TensorProto.Types.DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
            weight.Dims.AddRange([dim, dim]);
            weight.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = dataName });
            weight.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(CultureInfo.InvariantCulture) });
            weight.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = (data.Position - offset).ToString(CultureInfo.InvariantCulture) });
            graph.Initializer.Add(weight);
            var node = new NodeProto { OpType = "MatMul", Name = $"matmul{layer}" };
            node.Input.AddRange([layer == 0 ? "x" : $"h{layer - 1}", $"w{layer}"]);
            node.Output.Add(layer == layers - 1 ? "y" : $"h{layer}");
            graph.Node.Add(node);
        }
    }

    graph.Output.Add(Value("y", dim));
    var proto = new ModelProto { IrVersion = 8, ProducerName = "bench/LargeModel", Graph = graph };
    proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
    File.WriteAllBytes(model, proto.ToByteArray());
    var bytes = new FileInfo(Path.Combine(folder, dataName)).Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"wrote {model}: {new FileInfo(model).Length} bytes + {dataName} {bytes} bytes ({bytes / (double)(1L << 30):0.000} GiB) in {watch.Elapsed.TotalSeconds:0.0} s; peak RSS {PeakRssMiB():0} MiB"));
}

static float[] Infer(string path)
{
    var watch = Stopwatch.StartNew();
    using var options = new SessionOptions { IntraOpNumThreads = 2 };
    using var session = new InferenceSession(path, options);
    var loaded = watch.Elapsed.TotalSeconds;
    var dim = (int)session.InputMetadata["x"].Dimensions[1];
    var x = new float[dim];
    for (var i = 0; i < dim; i++)
    {
        x[i] = MathF.Sin(i * 0.37f);
    }

    using var input = OrtValue.CreateTensorValueFromMemory(x, [1, dim]);
    using var runOptions = new RunOptions();
    using var outputs = session.Run(runOptions, ["x"], [input], ["y"]);
    var y = outputs[0].GetTensorDataAsSpan<float>().ToArray();
    var ops = string.Join(",", Ops(path));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{path}: ops [{ops}], session {loaded:0.0} s, one inference {watch.Elapsed.TotalSeconds - loaded:0.00} s, y[0..3] = {y[0]:0.0000} {y[1]:0.0000} {y[2]:0.0000}, peak RSS so far {PeakRssMiB():0} MiB"));
    return y;
}

static IEnumerable<string> Ops(string path) =>
    ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Node.GroupBy(n => n.OpType).Select(g => $"{g.Key} x{g.Count()}");

static double PeakRssMiB()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}

static ValueInfoProto Value(string name, int dim)
{
    var tensor = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
    tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
    tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
    return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
}
