using ModelCompress.Onnx;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Cli.Tests.Support;

/// <summary>
/// A float MatMul chain x[1,dim] @ W_0 @ … @ W_{layers-1} with seeded weights, saved with every weight in external data
/// (<c>name.onnx</c> + <c>name.onnx.data</c>), as exporters store large models. The small sibling of bench/LargeModel.
/// </summary>
internal static class ExternalDataModel
{
    public static void Write(string path, int layers, int dim, int seed)
    {
        var graph = new GraphProto { Name = "matmul_chain" };
        graph.Input.Add(Value("x", dim));
        var random = new Random(seed);
        var bound = (float)Math.Sqrt(3.0 / dim);
        for (var layer = 0; layer < layers; layer++)
        {
            var weights = new float[dim * dim];
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = ((float)random.NextDouble() * 2 - 1) * bound;
            }

            graph.Initializer.Add(OnnxTensor.FromFloats($"w{layer}", [dim, dim], weights).ToProto());
            var node = new NodeProto { OpType = "MatMul", Name = $"matmul{layer}" };
            node.Input.AddRange([layer == 0 ? "x" : $"h{layer - 1}", $"w{layer}"]);
            node.Output.Add(layer == layers - 1 ? "y" : $"h{layer}");
            graph.Node.Add(node);
        }

        graph.Output.Add(Value("y", dim));
        var proto = new ModelProto { IrVersion = 8, Graph = graph };
        proto.OpsetImport.Add(new OperatorSetIdProto { Version = 17 });
        new OnnxModel(proto).Save(path, new OnnxSaveOptions(UseExternalData: true));
    }

    private static ValueInfoProto Value(string name, int dim)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)OnnxDataType.Float, Shape = new TensorShapeProto() };
        tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
        tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
