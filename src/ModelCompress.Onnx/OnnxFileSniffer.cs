namespace ModelCompress.Onnx;

/// <summary>Guesses what a file that failed to parse as ONNX really is, so the message can say so.</summary>
internal static class OnnxFileSniffer
{
    /// <summary>True when the first bytes look like an ONNX model (field 1, ir_version, as a small varint).</summary>
    public static bool LooksLikeOnnx(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 2 && bytes[0] == 0x08 && bytes[1] is >= 1 and <= 32;

    /// <summary>A short description of a known non-ONNX format, or null.</summary>
    public static string? Describe(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return "a PNG image";
        }

        if (bytes.StartsWith("PK\x03\x04"u8))
        {
            return "a ZIP archive (a PyTorch .pt/.pth checkpoint or an .npz file?)";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y']))
        {
            return "a NumPy .npy array";
        }

        var head = bytes[..Math.Min(bytes.Length, 256)];
        if (!IsText(head) && !IsText(head[..^Math.Min(head.Length, 1)]) && !IsText(head[..^Math.Min(head.Length, 2)])
            && !IsText(head[..^Math.Min(head.Length, 3)]))
        {
            return null;
        }

        var first = head.TrimStart(" \t\r\n"u8);
        return first.Length > 0 && first[0] is (byte)'{' or (byte)'[' ? "a JSON text file" : "a text file";
    }

    // Valid UTF-8 without control characters other than tabs and line breaks (the cut at 256 bytes may split a
    // character, hence the callers' retries with up to three bytes less).
    private static bool IsText(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b < 32 && b is not (9 or 10 or 13))
            {
                return false;
            }
        }

        return head.Length > 0 && System.Text.Unicode.Utf8.IsValid(head);
    }
}
