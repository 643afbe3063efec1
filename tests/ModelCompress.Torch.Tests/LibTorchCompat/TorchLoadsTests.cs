using static TorchSharp.torch;

namespace ModelCompress.Torch.Tests.LibTorchCompat;

public sealed class TorchLoadsTests
{
    [Fact]
    public void Adam_step_runs_and_lowers_a_quadratic_loss()
    {
        torch.manual_seed(0);
        var w = torch.nn.Parameter(torch.tensor(new[] { 3.0f, -2.0f }));
        var optimizer = torch.optim.Adam([w], lr: 0.1);
        float Loss()
        {
            using var scope = torch.NewDisposeScope();
            return (w * w).sum().item<float>();
        }

        var before = Loss();
        for (var i = 0; i < 5; i++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = (w * w).sum();
            loss.backward();
            optimizer.step();
        }

        Assert.Equal(13f, before, 4);
        Assert.True(Loss() < before - 1f, $"Adam did not lower the loss: {Loss()}");
    }

    [Fact]
    public void Build_patches_the_output_copy_never_the_package_original()
    {
        var copy = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var home = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var original = Path.Combine(home, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

        var a = File.ReadAllBytes(original);
        var b = File.ReadAllBytes(copy);

        // The package's file as restored from TorchSharp 0.107.0: a build that patched it in place would change this.
        Assert.Equal("CF33B1B0BB6BBB9754A768FB5C5D04D9F498603BE50E73F55621A0B40EE608B8", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(a)));
        Assert.Equal(a.Length, b.Length);
        var changed = Enumerable.Range(0, a.Length).Count(i => a[i] != b[i]);
        Assert.InRange(changed, 0, 1);
    }
}
