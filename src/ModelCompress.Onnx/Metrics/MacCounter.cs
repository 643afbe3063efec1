namespace ModelCompress.Onnx.Metrics;

/// <summary>
/// Counts the arithmetic of a model per sample from statically inferred shapes: MACs of the linear ops (Conv with
/// groups, ConvTranspose, Gemm, MatMul) and FLOPs of everything (2 per MAC, bias adds, pooling windows,
/// element-wise and normalization work). Symbolic input dimensions (a batch) are taken as 1.
/// </summary>
/// <remarks>
/// MACs follow the usual convention of model-complexity tables (thop, fvcore, torchvision's model cards): only the
/// multiply-accumulates of the linear layers, so a ResNet's "1.8 G MACs" compares with this figure.
/// Zeros in weights are counted like any other value: dense kernels do the same work, which is the point of
/// reporting MACs next to sparsity.
/// </remarks>
public static class MacCounter
{
    /// <summary>Counts a model's MACs and FLOPs per sample.</summary>
    public static ComputeCost Count(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var shapes = ShapeInference.Infer(model, bindInputSymbolsTo: 1);
        var layers = new List<LayerCost>();
        var uncounted = new List<string>();
        long macs = 0;
        long flops = 0;
        foreach (var node in model.Graph.Nodes)
        {
            if (OpCosts.IsFree(node))
            {
                continue;
            }

            if (OpCosts.Of(node, shapes) is not { } cost)
            {
                uncounted.Add(node.DisplayName);
                continue;
            }

            if (cost.Macs == 0 && cost.Flops == 0)
            {
                continue;
            }

            layers.Add(new LayerCost(node.DisplayName, node.OpType, cost.Macs, cost.Flops));
            macs = checked(macs + cost.Macs);
            flops = checked(flops + cost.Flops);
        }

        return new ComputeCost(macs, flops, layers, uncounted);
    }
}
