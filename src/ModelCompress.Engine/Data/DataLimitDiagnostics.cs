namespace ModelCompress.Engine.Data;

/// <summary>MC4100–MC4129: data files refused by a safety limit before they are read (all name the file and what to do).</summary>
public static class DataLimitDiagnostics
{
    /// <summary>MC4100: the data path is not a regular file (FIFO, device, folder), a dangling link or a bad name.</summary>
    public static Diagnostic NotRegularFile(string file, string problem) => Diagnostic.Error("MC4100",
        $"Data file cannot be read: {problem} Data must be an ordinary .npz, .npy or .csv file.", file: file);

    /// <summary>MC4101: an npz entry would inflate beyond the limit.</summary>
    public static Diagnostic EntryTooLarge(string file, string array, long declared, long compressed, long limit) => Diagnostic.Error("MC4101",
        $"Data file '{file}': array '{array}' declares {declared} bytes unpacked from {compressed} packed bytes, over the limit of {limit} bytes " +
        "for one array (2 GiB, and at most 256 times its packed size). Split the array into several, or save it with numpy.savez (not compressed).", file: file);

    /// <summary>MC4102: an npz entry inflates to more (or fewer) bytes than its zip header declares.</summary>
    public static Diagnostic EntrySizeLie(string file, string array, long declared) => Diagnostic.Error("MC4102",
        $"Data file '{file}': array '{array}' does not unpack to the {declared} bytes its zip entry declares; the archive is damaged or crafted. Re-create it with numpy.savez.", file: file);

    /// <summary>MC4103: an npy header whose shape overflows or needs more bytes than the limit.</summary>
    public static Diagnostic ShapeTooLarge(string file, string array, string shape, long limit) => Diagnostic.Error("MC4103",
        $"Data file '{file}': array '{array}' has shape {shape}, whose size overflows or exceeds the limit of {limit} bytes. Re-save a smaller array (or several).", file: file);

    /// <summary>MC4104: the data file itself is larger than the reader's limit.</summary>
    public static Diagnostic FileTooLarge(string file, long size, long limit) => Diagnostic.Error("MC4104",
        $"Data file '{file}' is {size} bytes, over the limit of {limit} bytes for this format. Use a smaller sample or an .npz archive.", file: file);
}
