using ModelCompress.Build.Tasks.Internal;

namespace ModelCompress.Build.Tasks;

/// <summary>
/// Logs the warnings and errors of the engine's last run again when the build skipped the engine as up to date:
/// same code, same <c>compression.yaml(line,col)</c>, same text, parsed by MSBuild from the very lines the engine
/// printed (recorded by <see cref="RunModelCompressEngine"/>).
/// </summary>
public sealed class ReplayModelCompressDiagnostics : Task
{
    /// <summary>The record <see cref="RunModelCompressEngine"/> wrote; a missing file replays nothing.</summary>
    [Required]
    public string ReplayFile { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        var lines = DiagnosticReplay.Read(ReplayFile);
        if (lines.Count > 0)
        {
            Log.LogMessage(MessageImportance.Normal, "ModelCompress: the engine is up to date; its last run reported:");
        }

        foreach (var line in lines)
        {
            Log.LogMessageFromText(line, MessageImportance.High);
        }

        return !Log.HasLoggedErrors;
    }
}
