using static TorchSharp.torch;

namespace ModelCompress.Torch.Tests;

/// <summary>numpy.testing.assert_allclose for torch tensors, with the worst element in the message.</summary>
internal static class TensorAssert
{
    public static void Close(Tensor expected, Tensor actual, double rtol, double atol, string what)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{what}: shape [{string.Join(",", actual.shape)}], expected [{string.Join(",", expected.shape)}]");
        Assert.True(expected.dtype == actual.dtype, $"{what}: dtype {actual.dtype}, expected {expected.dtype}");
        if (expected.numel() == 0)
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        var e = expected.detach().cpu().to_type(ScalarType.Float64);
        var a = actual.detach().cpu().to_type(ScalarType.Float64);
        var bothNan = e.isnan().logical_and(a.isnan());
        var diff = (a - e).abs();
        var bad = diff.gt(atol + (rtol * e.abs())).logical_and(bothNan.logical_not()).logical_or(a.isnan().logical_xor(e.isnan()));
        var count = bad.sum().item<long>();
        if (count > 0)
        {
            var worst = diff.masked_fill(bothNan, 0).argmax().item<long>();
            Assert.Fail($"{what}: {count} of {e.numel()} elements differ; worst at flat index {worst}: actual {a.reshape(-1)[worst].item<double>()}, expected {e.reshape(-1)[worst].item<double>()}");
        }
    }

    public static double MaxAbsDiff(Tensor expected, Tensor actual)
    {
        using var scope = torch.NewDisposeScope();
        return (expected.detach().cpu().to_type(ScalarType.Float64) - actual.detach().cpu().to_type(ScalarType.Float64)).abs().max().item<double>();
    }
}
