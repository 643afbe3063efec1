using System.IO.Compression;
using System.Text;
using Google.Protobuf;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Cli.Tests.Hostile;

/// <summary>
/// Builds a case's inputs from its "build" column, by mutating the digits fixtures in a fresh project:
/// <c>yaml:OLD=&gt;NEW</c> (text replacement in the valid config; \n is a newline), <c>yamlgen:NAME</c> (a generated
/// config), <c>model:NAME</c> (a mutated digits_cnn.onnx), <c>data:NAME</c> (a crafted models/../data file) and
/// <c>file:PATH=KIND</c> (the path replaced by a FIFO, a dangling link, a folder, a link to /etc/passwd ...).
/// </summary>
internal static class CaseInputs
{
    public static readonly string ValidYaml = DigitsYaml.For("""
        - prune: { method: magnitude, sparsity: 0.5, scope: global }
        - quantize: { mode: dynamic }
        """, "accuracy: { metric: top1, max_drop: 0.05 }", evaluation: "{ iterations: 2, warmup: 0 }");

    public static void Apply(TempProject project, string build)
    {
        var yaml = ValidYaml;
        var writeConfig = true;
        foreach (var step in build.Split(" ; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (kind, arg) = (step[..step.IndexOf(':', StringComparison.Ordinal)], step[(step.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            switch (kind)
            {
                case "yaml":
                    var parts = arg.Replace("\\n", "\n", StringComparison.Ordinal).Split("=>");
                    Assert.True(yaml.Contains(parts[0], StringComparison.Ordinal), $"'{parts[0]}' is not in the config");
                    yaml = yaml.Replace(parts[0], parts[1], StringComparison.Ordinal);
                    break;
                case "yamlgen":
                    yaml = GeneratedYaml(arg);
                    break;
                case "model":
                    ModelMutations.Apply(project, arg);
                    break;
                case "data":
                    DataMutations.Apply(project, arg);
                    break;
                case "file":
                    var (path, what) = (arg[..arg.IndexOf('=', StringComparison.Ordinal)], arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                    ReplaceFile(project.PathOf(path), what);
                    writeConfig &= path != "compression.yaml";
                    break;
                default:
                    throw new InvalidOperationException($"Unknown build step '{step}'.");
            }
        }

        if (writeConfig)
        {
            project.WriteConfig(yaml);
        }
    }

    public static void ReplaceFile(string path, string what)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }

        switch (what)
        {
            case "fifo":
                using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]))
                {
                    mkfifo.WaitForExit();
                }

                break;
            case "dir":
                Directory.CreateDirectory(path);
                break;
            case "dangling":
                File.CreateSymbolicLink(path, "no-such-target");
                break;
            case "loop":
                File.CreateSymbolicLink(path, Path.GetFileName(path));
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "garbage":
                File.WriteAllBytes(path, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray());
                break;
            default:
                // "link:TARGET": a symlink to TARGET (absolute, or relative to the link's folder).
                Assert.StartsWith("link:", what, StringComparison.Ordinal);
                File.CreateSymbolicLink(path, what["link:".Length..]);
                break;
        }
    }

    private static string GeneratedYaml(string name)
    {
        var tail = ValidYaml[ValidYaml.IndexOf("models:", StringComparison.Ordinal)..];
        switch (name)
        {
            case "alias-bomb":
            case "alias-bomb-in-step":
            {
                var text = new StringBuilder("version: 1\nx0: &a0 [lol]\n");
                for (var i = 1; i < 10; i++)
                {
                    text.Append($"x{i}: &a{i} [").AppendJoin(",", Enumerable.Repeat($"*a{i - 1}", 10)).Append("]\n");
                }

                return name == "alias-bomb" ? text + tail : text + tail.Replace("scope: global }", "scope: global, exclude: *a9 }", StringComparison.Ordinal);
            }

            case "merge-bomb":
            {
                var text = new StringBuilder("version: 1\nm0: &m0 { k0: 1 }\n");
                for (var i = 1; i < 20; i++)
                {
                    text.Append($"m{i}: &m{i} {{ <<: [*m{i - 1}, *m{i - 1}], k{i}: 1 }}\n");
                }

                return text + tail.Replace("scope: global }", "scope: global, <<: *m19 }", StringComparison.Ordinal);
            }

            case "deep-flow-map":
                return "version: 1\nmodels: " + string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "1" + new string('}', 100_000) + "\n";
            case "deep-flow-seq":
                return "version: 1\nmodels: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
            case "deep-block":
                return "version: 1\nmodels:\n" + string.Concat(Enumerable.Range(1, 200).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 201) + "b: 1\n";
            case "deep-alias":
            {
                var text = new StringBuilder("version: 1\n");
                text.Append("d0: &d0 " + string.Concat(Enumerable.Repeat("[", 40)) + new string(']', 40) + "\n");
                text.Append("d1: &d1 " + string.Concat(Enumerable.Repeat("[", 40)) + "*d0" + new string(']', 40) + "\n");
                return text + tail;
            }

            case "huge-file":
                return ValidYaml + "\n# " + new string('x', 2 << 20) + "\n";
            case "many-keys":
                return ValidYaml + "\n" + string.Concat(Enumerable.Range(0, 120_000).Select(i => $"k{i}: 1\n"));
            case "long-line":
                return "version: 1\nmodels: " + new string('a', 600_000) + "\n";
            default:
                throw new InvalidOperationException($"Unknown generated config '{name}'.");
        }
    }

    /// <summary>Writes one .npy entry (or a raw header) into a zip, deflated or stored.</summary>
    public static void WriteZip(string path, IEnumerable<(string Name, byte[] Bytes, bool Deflate)> entries)
    {
        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes, deflate) in entries)
        {
            var entry = zip.CreateEntry(name, deflate ? CompressionLevel.Fastest : CompressionLevel.NoCompression);
            using var stream = entry.Open();
            stream.Write(bytes);
        }
    }

    /// <summary>An .npy header for <paramref name="descr"/> and a shape text such as "(3, 4)".</summary>
    public static byte[] NpyHeader(string descr, string shape, string fortran = "False", byte major = 1)
    {
        var header = $"{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': {shape}, }}";
        var total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0 };
        bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        return bytes.ToArray();
    }

    public static ModelProto ReadModel(TempProject project) =>
        ModelProto.Parser.ParseFrom(File.ReadAllBytes(project.PathOf("models/digits_cnn.onnx")));

    public static void WriteModel(TempProject project, ModelProto model) =>
        File.WriteAllBytes(project.PathOf("models/digits_cnn.onnx"), model.ToByteArray());
}
