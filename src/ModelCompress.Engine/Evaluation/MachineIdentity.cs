using System.Runtime.InteropServices;

namespace ModelCompress.Engine.Evaluation;

/// <summary>
/// What makes a latency figure comparable: the CPU model, core count, OS and architecture. Cached evaluations are
/// keyed by it (with the ONNX Runtime version and provider), so a measurement is reused on the same machine only.
/// </summary>
public static class MachineIdentity
{
    /// <summary>This machine, as one line of text.</summary>
    public static string Current { get; } = Describe();

    private static string Describe()
    {
        var cpu = CpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString();
        return $"{cpu}|cores={Environment.ProcessorCount}|{RuntimeInformation.OSDescription}|{RuntimeInformation.OSArchitecture}";
    }

    private static string? CpuModel()
    {
        try
        {
            return File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
