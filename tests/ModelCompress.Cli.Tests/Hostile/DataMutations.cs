using System.IO.Compression;

namespace ModelCompress.Cli.Tests.Hostile;

/// <summary>Named crafted data files written to data/bad.npz (or .npy/.csv): bombs, lying headers, overflowing shapes.</summary>
internal static class DataMutations
{
    public static void Apply(TempProject project, string name)
    {
        var npz = project.PathOf("data/bad.npz");
        var labels = ("y.npy", CaseInputs.NpyHeader("<i8", "(10,)").Concat(new byte[80]).ToArray(), false);
        switch (name)
        {
            case "npz-bomb":
                // 300 MB of zeros packed into a few hundred KB: refused from the zip header, before inflating.
                WriteZeros(npz, CaseInputs.NpyHeader("<f4", "(1171875, 1, 8, 8)"), 300_000_000, 1171875);
                break;
            case "npz-entry-over-2gib":
                WriteZeros(npz, CaseInputs.NpyHeader("<f4", "(10, 1, 8, 8)"), 2560, 10);
                PatchUncompressedSize(npz, 0xC000_0000u);
                break;
            case "npz-size-lie":
                WriteZeros(npz, CaseInputs.NpyHeader("<f4", "(10, 1, 8, 8)"), 2560, 10);
                PatchUncompressedSize(npz, 1000u);
                break;
            case "npy-shape-overflow":
                CaseInputs.WriteZip(npz, [("x.npy", CaseInputs.NpyHeader("<f4", "(9223372036854775807, 10)"), false), labels]);
                break;
            case "npy-shape-huge":
                CaseInputs.WriteZip(npz, [("x.npy", CaseInputs.NpyHeader("<f4", "(100000, 100000)"), true), labels]);
                break;
            case "npy-shape-too-long":
                CaseInputs.WriteZip(npz, [("x.npy", CaseInputs.NpyHeader("<f4", "(99999999999999999999999, 1)"), false), labels]);
                break;
            case "npy-truncated":
                CaseInputs.WriteZip(npz, [("x.npy", CaseInputs.NpyHeader("<f4", "(10, 1, 8, 8)").Concat(new byte[100]).ToArray(), false), labels]);
                break;
            case "npy-bad-magic":
                CaseInputs.WriteZip(npz, [("x.npy", new byte[64], false), labels]);
                break;
            case "npy-version-9":
                CaseInputs.WriteZip(npz, [("x.npy", CaseInputs.NpyHeader("<f4", "(10, 1, 8, 8)", major: 9).Concat(new byte[2560]).ToArray(), false), labels]);
                break;
            case "npy-object-dtype":
                CaseInputs.WriteZip(npz, [("x.npy", CaseInputs.NpyHeader("|O", "(10, 1, 8, 8)").Concat(new byte[2560]).ToArray(), false), labels]);
                break;
            case "npy-big-endian":
                CaseInputs.WriteZip(npz, [("x.npy", CaseInputs.NpyHeader(">f4", "(10, 1, 8, 8)").Concat(new byte[2560]).ToArray(), false), labels]);
                break;
            case "npy-fortran":
                CaseInputs.WriteZip(npz, [("x.npy", CaseInputs.NpyHeader("<f4", "(10, 1, 8, 8)", "True").Concat(new byte[2560]).ToArray(), false), labels]);
                break;
            case "npy-header-garbage":
                CaseInputs.WriteZip(npz, [("x.npy", CaseInputs.NpyHeader("<f4", "(10, 1, 8, 8)")[..12].Concat(new byte[200]).ToArray(), false), labels]);
                break;
            case "npz-not-zip":
                File.WriteAllText(npz, "this is not a zip archive at all");
                break;
            case "npz-truncated":
                File.WriteAllBytes(npz, File.ReadAllBytes(project.PathOf("data/digits.npz"))[..4000]);
                break;
            case "npz-empty-zip":
                CaseInputs.WriteZip(npz, []);
                break;
            case "nan-data":
                CaseInputs.WriteZip(npz, [("x.npy", CaseInputs.NpyHeader("<f4", "(10, 1, 8, 8)").Concat(Enumerable.Repeat(BitConverter.GetBytes(float.NaN), 640).SelectMany(b => b)).ToArray(), false), labels]);
                break;
            case "labels-out-of-range":
                CaseInputs.WriteZip(npz, [
                    ("x.npy", CaseInputs.NpyHeader("<f4", "(10, 1, 8, 8)").Concat(new byte[2560]).ToArray(), false),
                    ("y.npy", CaseInputs.NpyHeader("<i8", "(10,)").Concat(Enumerable.Repeat(BitConverter.GetBytes(99L), 10).SelectMany(b => b)).ToArray(), false)]);
                break;
            default:
                throw new InvalidOperationException($"Unknown data mutation '{name}'.");
        }
    }

    // x.npy first (PatchUncompressedSize edits the first entry), then ten labels.
    private static void WriteZeros(string path, byte[] header, long zeros, int rows)
    {
        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var stream = zip.CreateEntry("x.npy", CompressionLevel.SmallestSize).Open())
        {
            stream.Write(header);
            var block = new byte[1 << 20];
            for (var left = zeros; left > 0; left -= block.Length)
            {
                stream.Write(block, 0, (int)Math.Min(left, block.Length));
            }
        }

        using var labels = zip.CreateEntry("y.npy", CompressionLevel.Fastest).Open();
        labels.Write([.. CaseInputs.NpyHeader("<i8", $"({rows},)"), .. new byte[rows * 8L]]);
    }

    // Rewrites the uncompressed size of the first entry in both the local header and the central directory.
    private static void PatchUncompressedSize(string path, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        var sizeBytes = BitConverter.GetBytes(size);
        sizeBytes.CopyTo(bytes, 22);
        for (var i = bytes.Length - 22; i >= 0; i--)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4b && bytes[i + 2] == 1 && bytes[i + 3] == 2)
            {
                sizeBytes.CopyTo(bytes, i + 24);
                break;
            }
        }

        File.WriteAllBytes(path, bytes);
    }
}
