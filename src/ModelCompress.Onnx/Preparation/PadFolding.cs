namespace ModelCompress.Onnx.Preparation;

/// <summary>
/// Folds an explicit zero <c>Pad</c> into the <c>pads</c> attribute of the <c>Conv</c> it feeds (Paddle2ONNX writes one
/// for asymmetric 'SAME' padding, tf2onnx for Keras' ZeroPadding2D), and into a <c>MaxPool</c> when the padded value
/// is never negative (it comes from Relu or Clip with min ≥ 0): zero padding then never wins a max, so the pool's own
/// padding gives the same result. Int8 kernels fuse Conv and MaxPool, never a Pad between them.
/// </summary>
public static class PadFolding
{
    /// <summary>Folds what it can in place; returns how many Pad nodes went.</summary>
    public static int Run(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var opset = model.OpsetVersion();
        var folded = 0;
        foreach (var pad in graph.Nodes.Where(n => n.OpType == "Pad" && n.Domain is "" or "ai.onnx").ToList())
        {
            if (SpatialPads(graph, pad, opset) is not { } pads || graph.IsGraphOutput(pad.Output(0))
                || graph.Consumers(pad.Output(0)) is not [{ } consumer] || !Foldable(graph, pad, consumer))
            {
                continue;
            }

            var own = consumer.GetInts("pads")?.ToArray() ?? new long[pads.Length];
            if (own.Length != pads.Length)
            {
                continue;
            }

            var total = own.Select((p, i) => p + pads[i]).ToArray();
            if (consumer.OpType != "Conv" && !SmallerThanKernel(consumer, total))
            {
                continue;
            }

            consumer.SetAttribute("pads", total);
            consumer.RemoveAttribute("auto_pad");
            consumer.SetInput(0, pad.Input(0));
            graph.RemoveNode(pad);
            folded++;
        }

        return folded;
    }

    // The pads of the spatial axes as [begins..., ends...]; null unless the Pad is a constant-zero pad of H, W, ... only.
    private static long[]? SpatialPads(OnnxGraph graph, OnnxNode pad, long opset)
    {
        if (pad.GetString("mode", "constant") != "constant" || pad.Input(3).Length > 0)
        {
            return null;
        }

        long[]? pads;
        if (opset >= 11)
        {
            pads = graph.TryGetInitializer(pad.Input(1), out var p) ? p.ToInt64Array() : null;
            if (pad.Input(2).Length > 0 && (!graph.TryGetInitializer(pad.Input(2), out var v) || v.ElementCount != 1 || v.ToFloatArray()[0] != 0f))
            {
                return null;
            }
        }
        else
        {
            pads = pad.GetInts("pads")?.ToArray();
            if (pad.GetFloat("value", 0f) != 0f)
            {
                return null;
            }
        }

        var rank = pads is null ? 0 : pads.Length / 2;
        if (pads is null || rank < 3 || pads.Any(p => p < 0) || pads[0] != 0 || pads[1] != 0 || pads[rank] != 0 || pads[rank + 1] != 0)
        {
            return null;
        }

        return pads.Skip(2).Take(rank - 2).Concat(pads.Skip(rank + 2)).ToArray();
    }

    private static bool Foldable(OnnxGraph graph, OnnxNode pad, OnnxNode consumer)
    {
        if (consumer.Input(0) != pad.Output(0) || consumer.GetString("auto_pad", "NOTSET") is not ("NOTSET" or "VALID"))
        {
            return false;
        }

        return consumer.OpType switch
        {
            "Conv" => true,
            "MaxPool" => consumer.Outputs.Count < 2 && NeverNegative(graph, pad.Input(0)),
            _ => false,
        };
    }

    // ORT refuses a pool whose padding reaches its kernel size.
    private static bool SmallerThanKernel(OnnxNode pool, long[] pads) =>
        pool.GetInts("kernel_shape") is { } kernel && kernel.Count * 2 == pads.Length && pads.Select((p, i) => p < kernel[i % kernel.Count]).All(b => b);

    private static bool NeverNegative(OnnxGraph graph, string value) => graph.Producer(value) switch
    {
        { OpType: "Relu" } => true,
        { OpType: "Clip" } clip when clip.HasAttribute("min") => clip.GetFloat("min") >= 0f,
        { OpType: "Clip" } clip => graph.TryGetInitializer(clip.Input(1), out var min) && min.ElementCount == 1 && min.ToFloatArray()[0] >= 0f,
        _ => false,
    };
}
