using ModelCompress.Onnx;
using ModelCompress.Onnx.Proto;

// Usage: dotnet run --project bench/TransformerFixture -- <output.onnx>
// Writes an untrained two-layer encoder for the 8×8 digits in PyTorch exporter layout (opset 17), weights drawn from
// seed 0. Layer 0 splits and merges heads with Shape → Gather → Unsqueeze → Concat shapes, as torch.onnx.export
// writes them for a dynamic batch; layer 1 with constant [0, 0, heads, size] shapes. The trained fixture comes from
// scripts/transformer-fixture.sh, which trains this graph with the project's own finetune step.
const int Tokens = 8, Features = 8, Model = 32, Heads = 4, Size = Model / Heads, Hidden = 64, Classes = 10, Layers = 2;
var path = args.Length > 0 ? args[0] : "digits_transformer_init.onnx";
var random = new Random(0);
var proto = new GraphProto { Name = "digits_transformer" };
proto.Input.Add(new ValueInfoProto
{
    Name = "input",
    Type = new OnnxTensorType(OnnxDataType.Float, [OnnxDim.Named("batch"), OnnxDim.Of(1), OnnxDim.Of(Tokens), OnnxDim.Of(Features)]).ToProto(),
});
proto.Output.Add(new ValueInfoProto
{
    Name = "logits",
    Type = new OnnxTensorType(OnnxDataType.Float, [OnnxDim.Named("batch"), OnnxDim.Of(Classes)]).ToProto(),
});
var model = new OnnxModel(new ModelProto { IrVersion = 8, ProducerName = "ModelCompress bench/TransformerFixture", Graph = proto });
model.SetOpsetVersion("", 17);
var g = model.Graph;

void Node(string op, string name, string[] inputs, string[] outputs, Action<OnnxNode>? attributes = null)
{
    var node = OnnxNode.Create(op, name, inputs, outputs);
    attributes?.Invoke(node);
    g.AddNode(node);
}

// Uniform ±1/√fan_in (PyTorch's Linear default); small non-zero values where PyTorch would start at zero or one,
// since finetune keeps exact zeros fixed (masked fine-tuning).
string Weight(string name, long rows, long columns, long fanIn)
{
    var bound = 1 / Math.Sqrt(fanIn);
    g.SetInitializer(OnnxTensor.FromFloats(name, [rows, columns], Uniform(rows * columns, bound)));
    return name;
}

string Vector(string name, long length, double bound, float offset = 0)
{
    g.SetInitializer(OnnxTensor.FromFloats(name, [length], Uniform(length, bound).Select(v => v + offset).ToArray()));
    return name;
}

float[] Uniform(long count, double bound) =>
    Enumerable.Range(0, (int)count).Select(_ => (float)(((random.NextDouble() * 2) - 1) * bound)).ToArray();

string Scalar(string name, float value)
{
    g.SetInitializer(OnnxTensor.FromFloats(name, [], [value]));
    return name;
}

string Ints(string name, params long[] values)
{
    g.SetInitializer(OnnxTensor.FromInt64s(name, [values.Length], values));
    return name;
}

// Shape(value)[index] as a 1-element tensor, the way the exporter computes x.size(index).
string Dim(string value, long index, string prefix)
{
    Node("Shape", $"{prefix}_shape", [value], [$"{prefix}_shape"]);
    g.SetInitializer(OnnxTensor.FromInt64s($"{prefix}_index", [], [index]));
    Node("Gather", $"{prefix}_gather", [$"{prefix}_shape", $"{prefix}_index"], [$"{prefix}_dim"], n => n.SetAttribute("axis", 0L));
    Node("Unsqueeze", $"{prefix}_unsqueeze", [$"{prefix}_dim", Ints($"{prefix}_axes", 0)], [$"{prefix}_size"]);
    return $"{prefix}_size";
}

// Concat(x.size(0), …, x.size(leading - 1), tail…): the leading sizes read from the value, the rest constants.
string DynamicShape(string value, string prefix, int leading, params long[] tail)
{
    var parts = Enumerable.Range(0, leading).Select(i => Dim(value, i, $"{prefix}_d{i}")).ToList();
    parts.AddRange(tail.Select((v, i) => Ints($"{prefix}_c{i}", v)));
    Node("Concat", $"{prefix}_concat", [.. parts], [$"{prefix}_shape_out"], n => n.SetAttribute("axis", 0L));
    return $"{prefix}_shape_out";
}

string Linear(string x, string prefix, long inputs, long outputs)
{
    Node("MatMul", $"{prefix}/MatMul", [x, Weight($"{prefix}.weight", inputs, outputs, inputs)], [$"{prefix}_mm"]);
    Node("Add", $"{prefix}/Add", [$"{prefix}_mm", Vector($"{prefix}.bias", outputs, 1 / Math.Sqrt(inputs))], [$"{prefix}_out"]);
    return $"{prefix}_out";
}

string LayerNorm(string x, string prefix)
{
    Node("LayerNormalization", $"{prefix}/LayerNormalization", [x, Vector($"{prefix}.weight", Model, 0.01, 1f), Vector($"{prefix}.bias", Model, 0.01)],
        [$"{prefix}_out"], n => n.SetAttribute("axis", -1L).SetAttribute("epsilon", 1e-5f));
    return $"{prefix}_out";
}

// [N, 1, 8, 8] → [N, 8, 8] with a computed shape: each image row is a token.
Node("Reshape", "tokens/Reshape", ["input", DynamicShape("input", "tokens", 1, Tokens, Features)], ["tokens"]);
var h = Linear("tokens", "embed", Features, Model);
Node("Add", "embed/position", [h, Weight("embed.position", Tokens, Model, Model)], ["embedded"]);
h = "embedded";
for (var layer = 0; layer < Layers; layer++)
{
    var p = $"layers.{layer}";
    var dynamic = layer == 0;
    var heads = new Dictionary<string, string>();
    foreach (var (part, perm) in new[] { ("q", new long[] { 0, 2, 1, 3 }), ("k", [0, 2, 3, 1]), ("v", [0, 2, 1, 3]) })
    {
        var projected = Linear(h, $"{p}.attn.{part}_proj", Model, Model);
        var shape = dynamic ? DynamicShape(projected, $"{p}.attn.{part}_split", 2, Heads, Size) : Ints($"{p}.attn.{part}_split_shape", 0, 0, Heads, Size);
        Node("Reshape", $"{p}.attn.{part}/Reshape", [projected, shape], [$"{p}.attn.{part}_heads"]);
        Node("Transpose", $"{p}.attn.{part}/Transpose", [$"{p}.attn.{part}_heads"], [$"{p}.attn.{part}"], n => n.SetAttribute("perm", perm));
        heads[part] = $"{p}.attn.{part}";
    }

    Node("MatMul", $"{p}.attn/scores", [heads["q"], heads["k"]], [$"{p}.attn_scores"]);
    Node("Div", $"{p}.attn/scale", [$"{p}.attn_scores", Scalar($"{p}.attn.scale", MathF.Sqrt(Size))], [$"{p}.attn_scaled"]);
    Node("Softmax", $"{p}.attn/Softmax", [$"{p}.attn_scaled"], [$"{p}.attn_probs"], n => n.SetAttribute("axis", -1L));
    Node("MatMul", $"{p}.attn/context", [$"{p}.attn_probs", heads["v"]], [$"{p}.attn_context"]);
    Node("Transpose", $"{p}.attn/merge_transpose", [$"{p}.attn_context"], [$"{p}.attn_merged"], n => n.SetAttribute("perm", [0L, 2, 1, 3]));
    var merge = dynamic ? DynamicShape($"{p}.attn_merged", $"{p}.attn.merge", 2, Model) : Ints($"{p}.attn.merge_shape", 0, 0, Model);
    Node("Reshape", $"{p}.attn/merge", [$"{p}.attn_merged", merge], [$"{p}.attn_concat"]);
    var attended = Linear($"{p}.attn_concat", $"{p}.attn.out_proj", Model, Model);
    Node("Add", $"{p}/residual1", [h, attended], [$"{p}_res1"]);
    h = LayerNorm($"{p}_res1", $"{p}.norm1");

    // GELU as torch.onnx.export writes it at opset 17: x * 0.5 * (1 + erf(x / √2)).
    var up = Linear(h, $"{p}.ffn.fc1", Model, Hidden);
    Node("Div", $"{p}.ffn/gelu_div", [up, Scalar($"{p}.ffn.sqrt2", MathF.Sqrt(2))], [$"{p}.ffn_g0"]);
    Node("Erf", $"{p}.ffn/gelu_erf", [$"{p}.ffn_g0"], [$"{p}.ffn_g1"]);
    Node("Add", $"{p}.ffn/gelu_add", [$"{p}.ffn_g1", Scalar($"{p}.ffn.one", 1)], [$"{p}.ffn_g2"]);
    Node("Mul", $"{p}.ffn/gelu_mul", [up, $"{p}.ffn_g2"], [$"{p}.ffn_g3"]);
    Node("Mul", $"{p}.ffn/gelu_half", [$"{p}.ffn_g3", Scalar($"{p}.ffn.half", 0.5f)], [$"{p}.ffn_gelu"]);
    var down = Linear($"{p}.ffn_gelu", $"{p}.ffn.fc2", Hidden, Model);
    Node("Add", $"{p}/residual2", [h, down], [$"{p}_res2"]);
    h = LayerNorm($"{p}_res2", $"{p}.norm2");
}

Node("ReduceMean", "pool/ReduceMean", [h], ["pooled"], n => n.SetAttribute("axes", [1L]).SetAttribute("keepdims", 0L));
Node("Gemm", "classifier/Gemm", ["pooled", Weight("classifier.weight", Classes, Model, Model), Vector("classifier.bias", Classes, 1 / Math.Sqrt(Model))],
    ["logits"], n => n.SetAttribute("transB", 1L));
model.Save(path);
Console.WriteLine($"wrote {path}: {g.Nodes.Count} nodes, {g.Proto.Initializer.Sum(t => OnnxTensor.Wrap(t).ElementCount)} parameters");
