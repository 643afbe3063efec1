using ModelCompress.Engine.Diagnostics;
using ModelCompress.Onnx.Files;

namespace ModelCompress.Engine.IO;

/// <summary>MC5100–MC5119: a path named in the configuration that cannot be used safely, at its YAML position.</summary>
public static class PathDiagnostics
{
    /// <summary>MC5100: the path names a folder, FIFO, socket or device.</summary>
    public static Diagnostic NotRegularFile(SourcePosition at, string key, string given) => Diagnostic.Error("MC5100",
        $"{key} '{given}' is not a regular file (a folder, FIFO, socket or device such as /dev/zero). Give the path of an ordinary file.", at);

    /// <summary>MC5101: the path is a symlink whose target does not exist.</summary>
    public static Diagnostic DanglingLink(SourcePosition at, string key, string given) => Diagnostic.Error("MC5101",
        $"{key} '{given}' is a symbolic link whose target does not exist (or a loop of links). Fix or remove the link.", at);

    /// <summary>MC5102: the path holds a NUL or control character.</summary>
    public static Diagnostic BadCharacter(SourcePosition at, string key, string given) => Diagnostic.Error("MC5102",
        $"{key} '{SafeFile.Printable(given)}' contains a NUL or control character. Remove it from the path.", at);

    /// <summary>MC5103: a file the engine would overwrite stays in place because it could not be removed.</summary>
    public static Diagnostic StaleOutput(string file, string reason) => Diagnostic.Error("MC5103",
        $"'{file}' from an earlier run could not be removed ({reason}); it would be mistaken for this run's output. Delete it and run again.", file: file);
}
