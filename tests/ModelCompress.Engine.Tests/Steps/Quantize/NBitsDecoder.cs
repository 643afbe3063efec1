namespace ModelCompress.Engine.Tests.Steps.Quantize;

/// <summary>
/// Decodes MatMulNBits weights as the contrib-op spec reads them, written apart from the quantizer so that a
/// packing mistake cannot cancel out: codes [N, n_blocks, blob] low bits first, scales [N × n_blocks], zero
/// points packed per row (default 2^(bits−1)); w[k, n] = (code − zp) × scale.
/// </summary>
internal static class NBitsDecoder
{
    /// <summary>Replaces every MatMulNBits node by MatMul with its decoded [K, N] float weight.</summary>
    public static OnnxModel Dequantized(OnnxModel quantized)
    {
        var model = quantized.Clone();
        var graph = model.Graph;
        foreach (var node in graph.Nodes.Where(n => n.OpType == "MatMulNBits").ToArray())
        {
            var weight = Decode(graph, node);
            var name = graph.UniqueName($"{node.Name}_decoded");
            graph.SetInitializer(OnnxTensor.FromFloats(name, [node.GetInt("K"), node.GetInt("N")], weight));
            graph.ReplaceNode(node, [OnnxNode.Create("MatMul", node.Name, [node.Input(0), name], [node.Output(0)])]);
        }

        return model;
    }

    public static float[] Decode(OnnxGraph graph, OnnxNode node)
    {
        int k = (int)node.GetInt("K"), n = (int)node.GetInt("N"), bits = (int)node.GetInt("bits"), blockSize = (int)node.GetInt("block_size");
        graph.TryGetInitializer(node.Input(1), out var codesTensor);
        graph.TryGetInitializer(node.Input(2), out var scalesTensor);
        var codes = codesTensor!.ToUInt8Array();
        var scales = scalesTensor!.ToFloatArray();
        byte[]? zeroPoints = node.Input(3).Length > 0 && graph.TryGetInitializer(node.Input(3), out var zp) ? zp.ToUInt8Array() : null;
        var blocks = (k + blockSize - 1) / blockSize;
        var blob = blockSize * bits / 8;
        var zpRow = ((blocks * bits) + 7) / 8;
        var mask = (1 << bits) - 1;
        var result = new float[k * n];
        for (var col = 0; col < n; col++)
        {
            for (var row = 0; row < k; row++)
            {
                int block = row / blockSize, inBlock = row % blockSize;
                var byteIndex = (((col * blocks) + block) * blob) + (inBlock * bits / 8);
                var code = (codes[byteIndex] >> (inBlock * bits % 8)) & mask;
                var z = zeroPoints is null ? 1 << (bits - 1) : (zeroPoints[(col * zpRow) + (block * bits / 8)] >> (block * bits % 8)) & mask;
                result[(row * n) + col] = (code - z) * scales[(col * blocks) + block];
            }
        }

        return result;
    }
}
