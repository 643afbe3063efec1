// Also compiled into ModelCompress.Cli.Tests (linked), so it names its usings itself.
using ModelCompress.Onnx;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Engine.Tests.Support;

/// <summary>
/// Rewrites a model the way other exporters store weights, to test that preparation undoes it:
/// <see cref="AsConstantNodes"/> moves every initializer into a Constant node (as Paddle2ONNX does), using each
/// attribute form where the tensor allows it; <see cref="AsTf2OnnxLike"/> also stores 4-D conv weights in HWIO
/// layout behind a Transpose and 2-D weights flattened behind a Reshape, as tf2onnx does.
/// </summary>
internal static class ConstantWeights
{
    public static OnnxModel AsConstantNodes(OnnxModel source)
    {
        var model = source.Clone();
        var graph = model.Graph.Proto;
        var nodes = new List<NodeProto>();
        foreach (var tensor in graph.Initializer)
        {
            nodes.Add(ConstantFor(tensor));
        }

        Move(graph, nodes);
        return model;
    }

    public static OnnxModel AsTf2OnnxLike(OnnxModel source)
    {
        var model = source.Clone();
        var graph = model.Graph.Proto;
        var nodes = new List<NodeProto>();
        foreach (var tensor in graph.Initializer)
        {
            var wrapped = OnnxTensor.Wrap(tensor);
            if (tensor.DataType == (int)OnnxDataType.Float && tensor.Dims.Count == 4)
            {
                // OIHW stored as HWIO; Transpose(perm 3,2,0,1) gives OIHW back.
                var (o, i, h, w) = ((int)tensor.Dims[0], (int)tensor.Dims[1], (int)tensor.Dims[2], (int)tensor.Dims[3]);
                var values = wrapped.ToFloatArray();
                var hwio = new float[values.Length];
                for (var a = 0; a < o; a++)
                    for (var b = 0; b < i; b++)
                        for (var c = 0; c < h; c++)
                            for (var d = 0; d < w; d++)
                                hwio[(((c * w) + d) * i + b) * o + a] = values[(((a * i) + b) * h + c) * w + d];
                nodes.Add(ConstantFor(OnnxTensor.FromFloats(tensor.Name + "/hwio", [h, w, i, o], hwio).ToProto()));
                nodes.Add(Node("Transpose", tensor.Name + "/transpose", [tensor.Name + "/hwio"], tensor.Name).SetAttribute("perm", new long[] { 3, 2, 0, 1 }).Proto);
            }
            else if (tensor.DataType == (int)OnnxDataType.Float && tensor.Dims.Count == 2)
            {
                nodes.Add(ConstantFor(OnnxTensor.FromFloats(tensor.Name + "/flat", [wrapped.ElementCount], wrapped.ToFloatArray()).ToProto()));
                nodes.Add(ConstantFor(OnnxTensor.FromInt64s(tensor.Name + "/shape", [2], [.. tensor.Dims]).ToProto()));
                nodes.Add(Node("Reshape", tensor.Name + "/reshape", [tensor.Name + "/flat", tensor.Name + "/shape"], tensor.Name).Proto);
            }
            else
            {
                nodes.Add(ConstantFor(tensor));
            }
        }

        Move(graph, nodes);
        return model;
    }

    // Scalars and 1-D float/int64 tensors use the value_float(s)/value_int(s) forms; everything else 'value'.
    private static NodeProto ConstantFor(TensorProto tensor)
    {
        var node = Node("Constant", "const/" + tensor.Name, [], tensor.Name);
        var t = OnnxTensor.Wrap(tensor);
        switch ((OnnxDataType)tensor.DataType, tensor.Dims.Count)
        {
            case (OnnxDataType.Float, 0):
                node.SetAttribute("value_float", t.ToFloatArray()[0]);
                break;
            case (OnnxDataType.Float, 1):
                node.SetAttribute("value_floats", t.ToFloatArray());
                break;
            case (OnnxDataType.Int64, 0):
                node.SetAttribute("value_int", t.ToInt64Array()[0]);
                break;
            case (OnnxDataType.Int64, 1):
                node.SetAttribute("value_ints", t.ToInt64Array());
                break;
            default:
                node.SetAttribute("value", t);
                break;
        }

        return node.Proto;
    }

    private static OnnxNode Node(string op, string name, string[] inputs, string output) => OnnxNode.Create(op, name, inputs, [output]);

    private static void Move(GraphProto graph, List<NodeProto> constants)
    {
        var names = graph.Initializer.Select(t => t.Name).ToHashSet();
        foreach (var input in graph.Input.Where(i => names.Contains(i.Name)).ToList())
        {
            graph.Input.Remove(input);
        }

        graph.Initializer.Clear();
        var rest = graph.Node.ToList();
        graph.Node.Clear();
        graph.Node.AddRange(constants);
        graph.Node.AddRange(rest);
    }
}
