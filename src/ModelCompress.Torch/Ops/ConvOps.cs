namespace ModelCompress.Torch.Ops;

/// <summary>Conv and ConvTranspose in 1-D, 2-D and 3-D, with groups, dilations, asymmetric pads and auto_pad.</summary>
internal static class ConvOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Add("Conv", 1, Conv);
        r.Add("ConvTranspose", 1, ConvTranspose);
    }

    private static NodeKernel Conv(OnnxNode node) => (inputs, _) =>
    {
        var (x, w, b) = (inputs[0]!, inputs[1]!, inputs.Length > 2 ? inputs[2] : null);
        var spatial = (int)w.dim() - 2;
        var kernel = w.shape.Skip(2).ToArray();
        var strides = node.Ints("strides") ?? Ones(spatial);
        var dilations = node.Ints("dilations") ?? Ones(spatial);
        var pads = Padding.Resolve(node, x.shape.Skip(2).ToArray(), kernel, strides, dilations);
        var groups = node.Int("group", 1);
        var (input, symmetric) = Padding.ApplyAsymmetric(x, pads, 0.0);
        using var padded = input;
        return [spatial switch
        {
            1 => nn.functional.conv1d(padded, w, b, strides[0], symmetric[0], dilations[0], groups),
            2 => nn.functional.conv2d(padded, w, b, strides, symmetric, dilations, groups),
            3 => nn.functional.conv3d(padded, w, b, strides, symmetric, dilations, groups),
            _ => throw node.Unsupported($"a {spatial}-D convolution"),
        }];
    };

    private static NodeKernel ConvTranspose(OnnxNode node) => (inputs, _) =>
    {
        var (x, w, b) = (inputs[0]!, inputs[1]!, inputs.Length > 2 ? inputs[2] : null);
        var spatial = (int)w.dim() - 2;
        var kernel = w.shape.Skip(2).ToArray();
        var strides = node.Ints("strides") ?? Ones(spatial);
        var dilations = node.Ints("dilations") ?? Ones(spatial);
        var outputPadding = node.Ints("output_padding") ?? new long[spatial];
        var groups = node.Int("group", 1);
        var inSize = x.shape.Skip(2).ToArray();
        var pads = TransposePads(node, inSize, kernel, strides, dilations, outputPadding);

        // Run without padding or bias, then crop (or zero-extend) each side, then add the bias.
        using var full = spatial switch
        {
            1 => nn.functional.conv_transpose1d(x, w, null, strides[0], 0, 0, dilations[0], groups),
            2 => nn.functional.conv_transpose2d(x, w, null, strides, new long[2], new long[2], dilations, groups),
            3 => nn.functional.conv_transpose3d(x, w, null, strides, new long[3], new long[3], dilations, groups),
            _ => throw node.Unsupported($"a {spatial}-D transposed convolution"),
        };
        var torchPads = new long[2 * spatial];
        for (var i = 0; i < spatial; i++)
        {
            var axis = spatial - 1 - i;
            torchPads[2 * i] = -pads[axis];
            torchPads[(2 * i) + 1] = outputPadding[axis] - pads[axis + spatial];
        }

        var y = nn.functional.pad(full, torchPads);
        if (b is not null)
        {
            var shape = new long[spatial + 2];
            Array.Fill(shape, 1L);
            shape[1] = -1;
            y = y + b.reshape(shape);
        }

        return [y];
    };

    private static long[] TransposePads(OnnxNode node, long[] inSize, long[] kernel, long[] strides, long[] dilations, long[] outputPadding)
    {
        var spatial = inSize.Length;
        var autoPad = node.String("auto_pad", "NOTSET");
        var outputShape = node.Ints("output_shape");
        if (outputShape is null && autoPad is "NOTSET" or "VALID")
        {
            return node.Ints("pads") ?? new long[2 * spatial];
        }

        var pads = new long[2 * spatial];
        for (var i = 0; i < spatial; i++)
        {
            var target = outputShape is not null ? outputShape[outputShape.Length - spatial + i] : inSize[i] * strides[i];
            var total = (strides[i] * (inSize[i] - 1)) + outputPadding[i] + ((kernel[i] - 1) * dilations[i]) + 1 - target;
            // As ONNX Runtime does: SAME_LOWER puts the odd pad first, everything else puts it last.
            var (first, second) = autoPad == "SAME_LOWER" ? (total - (total / 2), total / 2) : (total / 2, total - (total / 2));
            pads[i] = first;
            pads[i + spatial] = second;
        }

        return pads;
    }

    private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();
}
