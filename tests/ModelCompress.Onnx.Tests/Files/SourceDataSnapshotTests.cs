using ModelCompress.Onnx.Files;

namespace ModelCompress.Onnx.Tests.Files;

/// <summary>
/// A user's external-data file may be truncated or rewritten while a build uses the model. Mapped in place, the next
/// read of a lost page is SIGBUS and the process dies; a default load therefore maps a private snapshot instead, and
/// only files the caller owns (<see cref="OnnxLoadOptions.Owned"/>) are mapped where they lie.
/// </summary>
public sealed class SourceDataSnapshotTests
{
    private const int Dim = 512; // one 1 MiB weight

    [Fact]
    public void A_data_file_truncated_and_rewritten_after_load_leaves_the_loaded_model_whole()
    {
        var (path, values) = SaveModel("snapshot-truncate");
        var loaded = OnnxModel.Load(path);

        // In place, same inode: what an editor, a copy over the file or a crashed export does.
        using (var stream = new FileStream(path + ".data", FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(0);
            stream.Write(new byte[100]);
        }

        Assert.True(loaded.Graph.TryGetInitializer("w", out var w));
        Assert.Equal(values, w.ToFloatArray());
        var copy = Path.Combine(TestFiles.TempFolder("snapshot-resave"), "w.onnx");
        loaded.Save(copy, new OnnxSaveOptions(UseExternalData: true));
        Assert.True(OnnxModel.Load(copy).Graph.TryGetInitializer("w", out var saved));
        Assert.Equal(values, saved.ToFloatArray());
    }

    [Fact]
    public void A_default_load_does_not_map_the_users_file_and_an_owned_load_does()
    {
        if (!File.Exists("/proc/self/maps"))
        {
            return; // Linux shows a process's mappings; elsewhere the truncation test above is the proof
        }

        var (path, _) = SaveModel("snapshot-maps");
        var data = SafeFile.RealPath(Path.GetFullPath(path + ".data"))!;

        var snapshot = OnnxModel.Load(path);
        Assert.DoesNotContain(MappedPaths(), p => p == data);

        var owned = OnnxModel.Load(path, OnnxLoadOptions.Owned);
        Assert.Contains(MappedPaths(), p => p == data);
        GC.KeepAlive(snapshot);
        GC.KeepAlive(owned);
    }

    [Fact]
    public void The_snapshot_leaves_nothing_in_its_folder_where_the_os_lets_a_mapped_file_be_unlinked()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows keeps a mapped file until it is unmapped; the temporary-folder sweep removes it later
        }

        var (path, values) = SaveModel("snapshot-folder");
        var folder = TestFiles.TempFolder("snapshots");

        var loaded = OnnxModel.Load(path, new OnnxLoadOptions(SnapshotFolder: folder));

        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        Assert.True(loaded.Graph.TryGetInitializer("w", out var w));
        Assert.Equal(values, w.ToFloatArray());
    }

    [Theory]
    [InlineData(false, "private snapshot")]
    [InlineData(true, "could not be copied")]
    public void A_snapshot_or_copy_folder_that_cannot_be_written_is_one_clear_error(bool copy, string says)
    {
        var (path, _) = SaveModel("snapshot-unwritable");
        var notAFolder = Path.Combine(TestFiles.TempFolder("snapshot-blocked"), "file");
        File.WriteAllText(notAFolder, "a file where the folder should be");
        var options = copy ? new OnnxLoadOptions(CopyFolder: notAFolder) : new OnnxLoadOptions(SnapshotFolder: notAFolder);

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path, options));

        Assert.Equal(OnnxFormatError.CopyFailed, ex.Error);
        Assert.Contains(says, ex.Message);
        Assert.Contains("writable", ex.Message);
    }

    [Fact]
    public void A_copy_folder_gets_the_model_and_its_data_byte_for_byte_and_the_copies_are_what_is_mapped()
    {
        var (path, values) = SaveModel("copy-source");
        var folder = TestFiles.TempFolder("copy-target");

        var loaded = OnnxModel.Load(path, new OnnxLoadOptions(CopyFolder: folder));
        using (var stream = new FileStream(path + ".data", FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(0);
        }

        Assert.Equal(["w.onnx", "w.onnx.data"], Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(folder, "w.onnx")));
        Assert.Equal(values.Length * sizeof(float), new FileInfo(Path.Combine(folder, "w.onnx.data")).Length);
        Assert.True(loaded.Graph.TryGetInitializer("w", out var w));
        Assert.Equal(values, w.ToFloatArray());
        Assert.True(OnnxModel.Load(Path.Combine(folder, "w.onnx"), OnnxLoadOptions.Owned).Graph.TryGetInitializer("w", out var fromCopy));
        Assert.Equal(values, fromCopy.ToFloatArray());
        if (File.Exists("/proc/self/maps"))
        {
            Assert.Contains(MappedPaths(), p => p == SafeFile.RealPath(Path.Combine(folder, "w.onnx.data")));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_data_file_one_byte_short_of_offset_plus_length_is_the_truncation_error(bool owned)
    {
        var (path, values) = SaveModel("snapshot-short");
        using (var stream = new FileStream(path + ".data", FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(values.Length * sizeof(float) - 1L);
        }

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path, owned ? OnnxLoadOptions.Owned : null));

        Assert.Equal(OnnxFormatError.ExternalDataInvalid, ex.Error);
        Assert.Contains($"reads {values.Length * sizeof(float)} bytes from byte 0", ex.Message);
        Assert.Contains($"which has only {values.Length * sizeof(float) - 1} bytes (truncated or wrong file?)", ex.Message);
    }

    private static (string Path, float[] Values) SaveModel(string name)
    {
        var path = Path.Combine(TestFiles.TempFolder(name), "w.onnx");
        var values = Enumerable.Range(0, Dim * Dim).Select(i => (float)Math.Cos(i)).ToArray();
        var graph = new GraphProto { Name = "g" };
        graph.Initializer.Add(OnnxTensor.FromFloats("w", [Dim, Dim], values).ToProto());
        graph.Input.Add(new ValueInfoProto { Name = "x" });
        graph.Node.Add(new NodeProto { OpType = "MatMul", Input = { "x", "w" }, Output = { "y" } });
        graph.Output.Add(new ValueInfoProto { Name = "y" });
        var proto = new ModelProto { IrVersion = 8, Graph = graph };
        proto.OpsetImport.Add(new OperatorSetIdProto { Version = 17 });
        new OnnxModel(proto).Save(path, new OnnxSaveOptions(UseExternalData: true));
        return (path, values);
    }

    // The file behind each mapping of this process, as /proc/self/maps lists it (the sixth field onwards).
    private static List<string> MappedPaths() =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6)
            .Select(fields => fields[5].Trim())
            .ToList();
}
