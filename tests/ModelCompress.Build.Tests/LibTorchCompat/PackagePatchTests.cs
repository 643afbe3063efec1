using ModelCompress.Build.Tasks.LibTorchCompat;
using Microsoft.Build.Utilities;

namespace ModelCompress.Build.Tests.LibTorchCompat;

/// <summary>
/// Patching for a package (ModelCompress.Tool.Training.linux-x64): the library runs on hosts unknown at pack time,
/// so GLIBCXX_3.4.32 is weakened even when this machine's libstdc++ has it, and nothing else changes.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PackagePatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mc-packagepatch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ForPackage_weakens_the_marker_version_even_for_a_host_that_has_it()
    {
        var copy = LibTorchSharpFixture.CopyTo(_dir);
        // A host that defines every version the library needs, GLIBCXX_3.4.32 included: a host-based patch does nothing.
        var newHost = ElfVersioning.ReadNeeds(ElfImage.Parse(File.ReadAllBytes(copy), copy)).Select(n => n.Version).ToHashSet();
        Assert.Equal(CompatPatchOutcome.NotNeeded, LibStdCxxCompatPatcher.Patch(copy, newHost, LibStdCxxCompatPatcher.DefaultVersions, LibStdCxxCompatPatcher.DefaultMarkerSymbols).Outcome);

        var engine = new RecordingBuildEngine();
        var task = new PatchLibTorchSharpCompat { BuildEngine = engine, Libraries = [new TaskItem(copy)], ForPackage = true };

        Assert.True(task.Execute(), engine.Log);

        Assert.Single(task.PatchedLibraries);
        var needs = ElfVersioning.ReadNeeds(ElfImage.Parse(File.ReadAllBytes(copy), copy));
        Assert.True(needs.Single(n => n.Version == "GLIBCXX_3.4.32").IsWeak);
        Assert.All(needs.Where(n => n.Version != "GLIBCXX_3.4.32"), n => Assert.False(n.IsWeak));
    }
}
