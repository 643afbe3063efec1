using Google.Protobuf;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Cli.Tests.Hostile;

/// <summary>Named ways to damage digits_cnn.onnx: tensor dims and data, graph structure, and external data files.</summary>
internal static class ModelMutations
{
    public static void Apply(TempProject project, string name)
    {
        if (name == "reference-flatten")
        {
            WriteFlatten(project.PathOf("models/r.onnx"));
            return;
        }

        var model = CaseInputs.ReadModel(project);
        var graph = model.Graph;
        var weight = graph.Initializer.First(t => t.Dims.Count > 1 && t.DataType == 1);
        var bias = graph.Initializer.Where(t => t.Dims.Count == 1 && t.DataType == 1 && t.RawData.Length is >= 40 and <= 1200).OrderBy(t => t.RawData.Length).First();
        if (name.StartsWith("ext-", StringComparison.Ordinal))
        {
            External(project, model, bias, name);
            return;
        }

        switch (name)
        {
            case "dims-overflow": weight.Dims[0] = long.MaxValue / 2; weight.Dims[1] = 4; break;
            case "dims-negative": weight.Dims[0] = -3; break;
            case "dims-huge": weight.Dims.Clear(); weight.Dims.AddRange([1L << 20, 1L << 20]); break;
            case "raw-short": weight.RawData = ByteString.CopyFrom(weight.RawData.Span[..^4]); break;
            case "raw-long": weight.RawData = ByteString.CopyFrom([.. weight.RawData.Span, 0, 0, 0, 0]); break;
            case "raw-odd": weight.RawData = ByteString.CopyFrom(weight.RawData.Span[..^1]); break;
            case "raw-empty": weight.RawData = ByteString.Empty; break;
            case "typed-short":
                var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bias.RawData.Span).ToArray();
                bias.ClearRawData();
                bias.FloatData.AddRange(values[..^1]);
                break;
            case "nan-weights": Fill(weight, float.NaN); break;
            case "inf-weights": Fill(weight, float.PositiveInfinity); break;
            case "nan-bias": Fill(bias, float.NaN); break;
            case "nan-constant-node": Fill(weight, float.NaN); ToConstantNode(graph, weight); break;
            case "no-graph": model.Graph = null; break;
            case "no-opset": model.OpsetImport.Clear(); break;
            case "ir-zero": model.IrVersion = 0; break;
            case "ir-huge": model.IrVersion = 1000; break;
            case "no-outputs": graph.Output.Clear(); break;
            case "no-inputs": graph.Input.Clear(); break;
            case "no-nodes": graph.Node.Clear(); break;
            case "unknown-op": graph.Node[0].OpType = "NoSuchOp"; break;
            case "dangling-node-input": graph.Node[0].Input[0] = "nowhere"; break;
            case "duplicate-initializer": graph.Initializer.Add(weight.Clone()); break;
            case "weight-type-unknown": weight.DataType = 999; break;
            case "weight-type-string": weight.DataType = 8; break;
            case "input-type-none": graph.Input[0].Type = null; break;
            case "input-dim-negative": graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue = -5; break;
            case "cycle": graph.Node[0].Input[0] = graph.Node[^1].Output[0]; break;
            case "deep-subgraphs": model.Graph.Node.Add(Nested(150)); break;
            default: throw new InvalidOperationException($"Unknown model mutation '{name}'.");
        }

        CaseInputs.WriteModel(project, model);
    }

    // A valid model with the digits input whose output is 64 wide (the flattened image), not 10.
    private static void WriteFlatten(string path)
    {
        static ValueInfoProto Info(string name, params long[] dims)
        {
            var shape = new TensorShapeProto();
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
            shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
            return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
        }

        var graph = new GraphProto { Name = "flatten" };
        graph.Input.Add(Info("input", 1, 8, 8));
        graph.Output.Add(Info("out", 64));
        graph.Node.Add(new NodeProto { OpType = "Flatten", Name = "flatten", Input = { "input" }, Output = { "out" } });
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        File.WriteAllBytes(path, model.ToByteArray());
    }

    // Some exporters keep weights in Constant nodes rather than initializers.
    private static void ToConstantNode(GraphProto graph, TensorProto weight)
    {
        graph.Initializer.Remove(weight);
        var node = new NodeProto { OpType = "Constant", Name = weight.Name + "_constant" };
        node.Output.Add(weight.Name);
        node.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = weight });
        graph.Node.Insert(0, node);
    }

    private static void Fill(TensorProto tensor, float value)
    {
        var count = tensor.RawData.Length / 4;
        tensor.RawData = ByteString.CopyFrom(Enumerable.Repeat(value, count).SelectMany(BitConverter.GetBytes).ToArray());
    }

    private static NodeProto Nested(int depth)
    {
        var node = new NodeProto { OpType = "Identity", Name = "leaf" };
        for (var i = 0; i < depth; i++)
        {
            var graph = new GraphProto { Name = $"g{i}" };
            graph.Node.Add(node);
            node = new NodeProto { OpType = "If", Name = $"if{i}" };
            node.Attribute.Add(new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = graph });
        }

        return node;
    }

    // Moves the small bias into models/w.bin (external data), then damages the file or its fields.
    private static void External(TempProject project, ModelProto model, TensorProto tensor, string name)
    {
        var models = project.PathOf("models");
        var bin = Path.Combine(models, "w.bin");
        var bytes = tensor.RawData.ToByteArray();
        File.WriteAllBytes(bin, bytes);
        tensor.ClearRawData();
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        var location = "w.bin";
        var offset = "0";
        var length = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (name)
        {
            case "ext-ok": break;
            case "ext-inside-link":
                Directory.CreateDirectory(Path.Combine(models, "sub"));
                File.Move(bin, Path.Combine(models, "sub", "real.bin"));
                File.CreateSymbolicLink(bin, "sub/real.bin");
                break;
            case "ext-passwd": CaseInputs.ReplaceFile(bin, "link:/etc/passwd"); break;
            case "ext-passwd-no-length": CaseInputs.ReplaceFile(bin, "link:/etc/passwd"); length = ""; break;
            case "ext-link-outside-folder":
                File.WriteAllBytes(project.PathOf("outside.bin"), bytes);
                CaseInputs.ReplaceFile(bin, "link:../outside.bin");
                break;
            case "ext-linked-folder":
                Directory.CreateSymbolicLink(Path.Combine(models, "etc"), "/etc");
                location = "etc/passwd";
                break;
            case "ext-devzero": CaseInputs.ReplaceFile(bin, "link:/dev/zero"); break;
            case "ext-fifo": CaseInputs.ReplaceFile(bin, "fifo"); break;
            case "ext-dir": CaseInputs.ReplaceFile(bin, "dir"); break;
            case "ext-dangling": CaseInputs.ReplaceFile(bin, "dangling"); break;
            case "ext-loop": CaseInputs.ReplaceFile(bin, "loop"); break;
            case "ext-missing": location = "missing.bin"; break;
            case "ext-absolute": location = "/etc/passwd"; break;
            case "ext-dotdot": location = "../data/digits.npz"; break;
            case "ext-nul": location = "w\0.bin"; break;
            case "ext-no-location": location = ""; break;
            case "ext-offset-max": offset = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture); break;
            case "ext-length-max": length = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture); break;
            case "ext-offset-negative": offset = "-1"; break;
            case "ext-offset-text": offset = "ten"; break;
            case "ext-offset-past-end": offset = "4"; break;
            case "ext-short-file": File.WriteAllBytes(bin, bytes[..^4]); break;
            default: throw new InvalidOperationException($"Unknown external data mutation '{name}'.");
        }

        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset });
        if (length.Length > 0)
        {
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length });
        }

        CaseInputs.WriteModel(project, model);
    }
}
