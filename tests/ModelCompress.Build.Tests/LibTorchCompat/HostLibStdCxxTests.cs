using System.Text;
using ModelCompress.Build.Tasks.LibTorchCompat;

namespace ModelCompress.Build.Tests.LibTorchCompat;

public sealed class HostLibStdCxxTests
{
    private const ushort X86_64 = 62;

    [Fact]
    public void Finds_the_host_libstdcxx_and_reads_its_version_definitions()
    {
        var path = HostLibStdCxx.Find(X86_64);

        Assert.NotNull(path);
        var versions = HostLibStdCxx.ReadVersions(path);
        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("CXXABI_1.3", versions);

        // The version table and the plain strings of the file agree on what this host offers.
        var text = Encoding.ASCII.GetString(File.ReadAllBytes(path));
        foreach (var version in new[] { "GLIBCXX_3.4.29", "GLIBCXX_3.4.30", "GLIBCXX_3.4.31", "GLIBCXX_3.4.32" })
        {
            Assert.Equal(text.Contains(version + "\0", StringComparison.Ordinal), versions.Contains(version));
        }
    }

    [Fact]
    public void The_ld_cache_lists_the_libstdcxx_the_loader_uses()
    {
        var fromCache = HostLibStdCxx.ReadLdCache("/etc/ld.so.cache").ToList();

        Assert.NotEmpty(fromCache);
        Assert.All(fromCache, p => Assert.EndsWith("/libstdc++.so.6", p, StringComparison.Ordinal));
        Assert.Contains(HostLibStdCxx.Find(X86_64), fromCache);
    }

    [Fact]
    public void A_library_without_version_definitions_defines_nothing_of_libstdcxx()
    {
        // libLibTorchSharp.so needs GLIBCXX versions but defines none: as a "host" it lacks them all.
        var path = LibTorchSharpFixture.OriginalPath;

        var defined = ElfVersioning.ReadDefinitions(ElfImage.Parse(File.ReadAllBytes(path), path));

        Assert.DoesNotContain(defined, v => v.StartsWith("GLIBCXX_", StringComparison.Ordinal));
    }
}
