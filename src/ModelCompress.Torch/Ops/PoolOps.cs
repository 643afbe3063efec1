namespace ModelCompress.Torch.Ops;

/// <summary>MaxPool, AveragePool (pads, auto_pad, ceil_mode, dilations, count_include_pad) and the global pools.</summary>
internal static class PoolOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Add("MaxPool", 1, MaxPool);
        r.Add("AveragePool", 1, AveragePool);
        r.Simple("GlobalAveragePool", 1, x => x[0]!.mean(SpatialAxes(x[0]!), keepdim: true));
        r.Simple("GlobalMaxPool", 1, x => x[0]!.amax(SpatialAxes(x[0]!), keepdim: true));
    }

    private static long[] SpatialAxes(Tensor x) => Enumerable.Range(2, (int)x.dim() - 2).Select(i => (long)i).ToArray();

    private static NodeKernel MaxPool(OnnxNode node)
    {
        if (node.Proto.Output.Count > 1 && !string.IsNullOrEmpty(node.Proto.Output[1]))
        {
            throw node.Unsupported("the Indices output of MaxPool");
        }

        return (inputs, _) =>
        {
            var x = inputs[0]!;
            var (kernel, strides, dilations, pads) = Window(node, x);
            var ceil = node.Int("ceil_mode", 0) != 0;
            // torch allows implicit pads up to half the kernel; larger ones are applied explicitly as -inf.
            var oversized = pads.Zip(kernel.Concat(kernel)).Any(p => p.First * 2 > p.Second);
            var (input, symmetric) = Padding.ApplyAsymmetric(x, pads, double.NegativeInfinity, oversized ? 0 : long.MaxValue);
            using var padded = input;

            return [kernel.Length switch
            {
                1 => nn.functional.max_pool1d(padded, kernel[0], strides[0], symmetric[0], dilations[0], ceil),
                2 => nn.functional.max_pool2d(padded, kernel, strides, symmetric, dilations, ceil),
                3 => nn.functional.max_pool3d(padded, kernel, strides, symmetric, dilations, ceil),
                _ => throw node.Unsupported($"a {kernel.Length}-D pool"),
            }];
        };
    }

    private static NodeKernel AveragePool(OnnxNode node) => (inputs, _) =>
    {
        var x = inputs[0]!;
        var (kernel, strides, dilations, pads) = Window(node, x);
        if (dilations.Any(d => d != 1))
        {
            throw node.Unsupported("dilations in AveragePool");
        }

        var ceil = node.Int("ceil_mode", 0) != 0;
        var includePad = node.Int("count_include_pad", 0) != 0;
        if (pads.Take(kernel.Length).SequenceEqual(pads.Skip(kernel.Length)) && pads.Zip(kernel.Concat(kernel)).All(p => p.First * 2 <= p.Second))
        {
            return [Avg(x, kernel, strides, pads.Take(kernel.Length).ToArray(), ceil, includePad)];
        }

        // Asymmetric or oversized pads: pool a zero-padded input, and for count_include_pad=0 divide by the
        // pooled mask of real elements, which is what "average over the valid elements" means.
        var (padded, _) = Padding.ApplyAsymmetric(x, pads, 0.0, maxSymmetric: 0);
        var zero = new long[kernel.Length];
        var sums = Avg(padded, kernel, strides, zero, ceil, includePad: true);
        if (includePad)
        {
            return [sums];
        }

        var (mask, _) = Padding.ApplyAsymmetric(torch.ones_like(x), pads, 0.0, maxSymmetric: 0);
        return [sums / Avg(mask, kernel, strides, zero, ceil, includePad: true)];
    };

    private static Tensor Avg(Tensor x, long[] kernel, long[] strides, long[] pads, bool ceil, bool includePad) => kernel.Length switch
    {
        1 => nn.functional.avg_pool1d(x, kernel[0], strides[0], pads[0], ceil, includePad),
        2 => nn.functional.avg_pool2d(x, kernel, strides, pads, ceil, includePad),
        3 => nn.functional.avg_pool3d(x, kernel, strides, pads, ceil, includePad),
        _ => throw new NotSupportedException($"{kernel.Length}-D pooling"),
    };

    private static (long[] Kernel, long[] Strides, long[] Dilations, long[] Pads) Window(OnnxNode node, Tensor x)
    {
        var kernel = node.Ints("kernel_shape") ?? throw node.Unsupported("a pool without kernel_shape");
        var strides = node.Ints("strides") ?? Enumerable.Repeat(1L, kernel.Length).ToArray();
        var dilations = node.Ints("dilations") ?? Enumerable.Repeat(1L, kernel.Length).ToArray();
        var pads = Padding.Resolve(node, x.shape.Skip(2).ToArray(), kernel, strides, dilations);
        return (kernel, strides, dilations, pads);
    }
}
