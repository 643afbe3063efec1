using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ModelCompress.Build.Tests.Tasks;

/// <summary>
/// The engine task's record of its diagnostics (replayed when the build skips the engine), its lock shared by the
/// builds of one output folder, and the properties that only add engine arguments. The engine is the stand-in.
/// </summary>
public sealed class EngineReplayAndLockTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_replayed_warning_is_the_same_event_as_the_one_the_engine_printed()
    {
        var ran = new RecordingBuildEngine();
        var task = CreateTask(ran);
        task.BudgetSeverity = "warning";

        Assert.True(task.Execute(), ran.Log);
        Assert.True(task.EngineRan);

        var replayed = new RecordingBuildEngine();
        Assert.True(new ReplayModelCompressDiagnostics { BuildEngine = replayed, ReplayFile = task.ReplayFile! }.Execute(), replayed.Log);
        var original = Assert.Single(ran.Warnings);
        var again = Assert.Single(replayed.Warnings);
        Assert.Equal(
            (original.Code, original.File, original.LineNumber, original.ColumnNumber, original.Message),
            (again.Code, again.File, again.LineNumber, again.ColumnNumber, again.Message));
        Assert.Equal("MC2003", again.Code);
        Assert.Equal(6, again.LineNumber);
    }

    [Fact]
    public void A_failed_run_leaves_no_record_of_the_previous_run_to_replay()
    {
        var engine = new RecordingBuildEngine();
        var task = CreateTask(engine);
        task.BudgetSeverity = "warning";
        Assert.True(task.Execute(), engine.Log);
        Assert.NotEmpty(DiagnosticReplay.Read(task.ReplayFile!));

        var failing = CreateTask(new RecordingBuildEngine());
        Assert.False(failing.Execute());

        Assert.False(File.Exists(failing.ReplayFile));
    }

    [Fact]
    public void Under_the_lock_outputs_made_up_to_date_by_another_build_are_used_without_running_the_engine()
    {
        var first = new RecordingBuildEngine();
        var task = CreateTask(first);
        task.BudgetSeverity = "warning";
        Assert.True(task.Execute(), first.Log);

        var second = new RecordingBuildEngine();
        var again = CreateTask(second);
        again.BudgetSeverity = "warning";
        again.UpToDateInputs = new ITaskItem[] { new TaskItem(again.ConfigFile) };
        again.UpToDateOutputs = new ITaskItem[] { new TaskItem(again.ManifestFile) };
        File.SetLastWriteTimeUtc(again.ConfigFile, File.GetLastWriteTimeUtc(again.ManifestFile).AddSeconds(-10));

        Assert.True(again.Execute(), second.Log);

        Assert.False(again.EngineRan);
        Assert.DoesNotContain(second.Messages, m => m.Message != null && m.Message.StartsWith("modelcompress (stand-in)", StringComparison.Ordinal));
        Assert.Empty(second.Warnings);
    }

    [Fact]
    public void A_held_lock_makes_the_engine_wait_until_it_is_released()
    {
        var lockFile = Path.Combine(_folder.Path, "obj", "project.modelcompress.lock");
        var waited = false;
        using (EngineRunLock.Acquire(lockFile, () => false, () => { }))
        {
            var canceledAfterWaiting = EngineRunLock.Acquire(lockFile, () => waited, () => waited = true);
            Assert.Null(canceledAfterWaiting);
        }

        Assert.True(waited);
        using var free = EngineRunLock.Acquire(lockFile, () => false, () => throw new InvalidOperationException("waited for a free lock"));
        Assert.NotNull(free);
    }

    [Fact]
    public void Remeasure_and_junit_become_engine_arguments_only_when_set()
    {
        var plain = EngineLaunch.RunArguments("/c.yaml", "/out/", "/cache/", "error", "/out/manifest.json");
        Assert.DoesNotContain("--remeasure", plain);
        Assert.DoesNotContain("--junit", plain);

        var both = EngineLaunch.RunArguments("/c.yaml", "/out/", "/cache/", "error", "/out/manifest.json", remeasure: true, junitFile: "/ci/gates.xml");
        Assert.Equal(new[] { "--remeasure", "--junit", "/ci/gates.xml" }, both.Skip(plain.Count));
    }

    public void Dispose() => _folder.Dispose();

    private RunModelCompressEngine CreateTask(RecordingBuildEngine engine)
    {
        var task = DigitsEngineTask.Create(_folder, engine, DigitsEngineTask.Config(_folder, "size: { max_kb: 1 }"));
        task.ReplayFile = Path.Combine(task.OutputDirectory, "build-diagnostics.txt");
        task.LockFile = Path.Combine(_folder.Path, "obj", "project.modelcompress.lock");
        task.EngineToolPath = TestEngine.StandInPath;
        return task;
    }
}
