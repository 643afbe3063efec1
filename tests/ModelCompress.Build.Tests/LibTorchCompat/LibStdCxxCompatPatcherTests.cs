using System.Security.Cryptography;
using ModelCompress.Build.Tasks.LibTorchCompat;

namespace ModelCompress.Build.Tests.LibTorchCompat;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LibStdCxxCompatPatcherTests : IDisposable
{
    private static readonly HashSet<string> DebianTwelveHost = Enumerable.Range(0, 31)
        .Select(i => i == 0 ? "GLIBCXX_3.4" : $"GLIBCXX_3.4.{i}")
        .Concat(Enumerable.Range(0, 14).Select(i => i == 0 ? "CXXABI_1.3" : $"CXXABI_1.3.{i}"))
        .ToHashSet();

    private readonly string _dir = Directory.CreateTempSubdirectory("mc-libtorchcompat-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Reads_the_libstdcxx_needs_of_the_real_library()
    {
        var needs = ElfVersioning.ReadNeeds(Parse(LibTorchSharpFixture.OriginalPath));

        var libstdcxx = needs.Where(n => n.File == "libstdc++.so.6").ToList();
        Assert.Equal(20, libstdcxx.Count);
        var marker = Assert.Single(libstdcxx, n => n.Version == "GLIBCXX_3.4.32");
        Assert.False(marker.IsWeak);
        Assert.Contains(needs, n => n.File == "libc.so.6" && n.Version == "GLIBC_2.34");
    }

    [Fact]
    public void Only_the_marker_symbol_uses_GLIBCXX_3_4_32()
    {
        var image = Parse(LibTorchSharpFixture.OriginalPath);
        var need = ElfVersioning.ReadNeeds(image).Single(n => n.Version == "GLIBCXX_3.4.32");

        Assert.Equal(["_ZSt21ios_base_library_initv"], ElfVersioning.SymbolsUsingVersion(image, need.Index));
    }

    [Fact]
    public void Patch_weakens_only_GLIBCXX_3_4_32_and_breaks_no_other_byte()
    {
        var copy = LibTorchSharpFixture.CopyTo(_dir);
        var before = File.ReadAllBytes(copy);
        var originalHash = Sha(LibTorchSharpFixture.OriginalPath);

        var result = Patch(copy, DebianTwelveHost);

        Assert.Equal(CompatPatchOutcome.Patched, result.Outcome);
        Assert.Equal(["GLIBCXX_3.4.32"], result.Versions);
        var after = File.ReadAllBytes(copy);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        var need = ElfVersioning.ReadNeeds(Parse(copy)).Single(n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal([need.FlagsOffset], changed);
        Assert.Equal(ElfVersionNeed.WeakFlag, need.Flags);
        Assert.All(ElfVersioning.ReadNeeds(Parse(copy)).Where(n => n.Version != "GLIBCXX_3.4.32"), n => Assert.False(n.IsWeak));
        Assert.Equal(originalHash, Sha(LibTorchSharpFixture.OriginalPath));
    }

    [Fact]
    public void Second_patch_is_a_no_op()
    {
        var copy = LibTorchSharpFixture.CopyTo(_dir);
        Patch(copy, DebianTwelveHost);
        var once = File.ReadAllBytes(copy);

        var result = Patch(copy, DebianTwelveHost);

        Assert.Equal(CompatPatchOutcome.AlreadyWeak, result.Outcome);
        Assert.Equal(once, File.ReadAllBytes(copy));
    }

    [Fact]
    public void Host_with_the_version_leaves_the_file_alone()
    {
        var copy = LibTorchSharpFixture.CopyTo(_dir);
        var host = new HashSet<string>(DebianTwelveHost) { "GLIBCXX_3.4.31", "GLIBCXX_3.4.32" };

        var result = Patch(copy, host);

        Assert.Equal(CompatPatchOutcome.NotNeeded, result.Outcome);
        Assert.Equal(Sha(LibTorchSharpFixture.OriginalPath), Sha(copy));
    }

    [Fact]
    public void A_missing_version_with_real_symbols_is_refused_not_patched()
    {
        var copy = LibTorchSharpFixture.CopyTo(_dir);
        var host = new HashSet<string>(DebianTwelveHost);
        host.Remove("GLIBCXX_3.4.30");

        var result = Patch(copy, host);

        Assert.Equal(CompatPatchOutcome.Unfixable, result.Outcome);
        Assert.Contains("GLIBCXX_3.4.30", result.Problem);
        Assert.Equal(Sha(LibTorchSharpFixture.OriginalPath), Sha(copy));
    }

    [Fact]
    public void Patching_a_hard_link_leaves_the_linked_original_untouched()
    {
        var original = LibTorchSharpFixture.CopyTo(_dir);
        var linkDir = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;
        var link = Path.Combine(linkDir, "libLibTorchSharp.so");
        Assert.Equal(0, Link(original, link));
        var originalHash = Sha(original);

        Assert.Equal(CompatPatchOutcome.Patched, Patch(link, DebianTwelveHost).Outcome);

        Assert.Equal(originalHash, Sha(original));
        Assert.NotEqual(originalHash, Sha(link));
        Assert.Equal(File.GetLastWriteTimeUtc(original), File.GetLastWriteTimeUtc(link));
        Assert.Equal(UnixFileMode.UserExecute, File.GetUnixFileMode(link) & UnixFileMode.UserExecute & File.GetUnixFileMode(original));
    }

    private static CompatPatchResult Patch(string path, ISet<string> host) =>
        LibStdCxxCompatPatcher.Patch(path, host, LibStdCxxCompatPatcher.DefaultVersions, LibStdCxxCompatPatcher.DefaultMarkerSymbols);

    private static ElfImage Parse(string path) => ElfImage.Parse(File.ReadAllBytes(path), path);

    private static string Sha(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string oldPath, string newPath);
}
