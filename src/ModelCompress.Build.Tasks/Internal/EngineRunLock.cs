using System.Threading;

namespace ModelCompress.Build.Tasks.Internal;

/// <summary>
/// One engine run at a time per output folder: the inner builds of a multi-targeted project (and a project
/// reference building one of them beside the outer build) share obj/&lt;Configuration&gt;/modelcompress/. The lock is
/// an exclusively opened file, released by the OS when the holder dies; the file itself stays.
/// </summary>
internal sealed class EngineRunLock : IDisposable
{
    private readonly FileStream _stream;

    private EngineRunLock(FileStream stream) => _stream = stream;

    /// <summary>Waits until no other build holds the lock; null when <paramref name="canceled"/> says stop first.</summary>
    public static EngineRunLock? Acquire(string path, Func<bool> canceled, Action onWait)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var waited = false;
        while (!canceled())
        {
            try
            {
                return new EngineRunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                if (!waited)
                {
                    onWait();
                    waited = true;
                }

                Thread.Sleep(200);
            }
        }

        return null;
    }

    /// <summary>
    /// MSBuild's own rule for a target's Inputs and Outputs: up to date when every output exists and none is older
    /// than any input; a missing input means out of date. Checked again under the lock, because another build may
    /// have run the engine since this one's target decided to run.
    /// </summary>
    public static bool UpToDate(IEnumerable<string> outputs, IEnumerable<string> inputs)
    {
        var oldest = DateTime.MaxValue;
        foreach (var output in outputs)
        {
            if (!File.Exists(output))
            {
                return false;
            }

            var time = File.GetLastWriteTimeUtc(output);
            oldest = time < oldest ? time : oldest;
        }

        foreach (var input in inputs)
        {
            if (!File.Exists(input) || File.GetLastWriteTimeUtc(input) > oldest)
            {
                return false;
            }
        }

        return oldest != DateTime.MaxValue;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
