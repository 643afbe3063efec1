namespace ModelCompress.Build.Tests.Tasks;

/// <summary>The engine task run in-process against the stand-in engine (a real child process).</summary>
public sealed class RunModelCompressEngineTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RecordingBuildEngine _engine = new();

    [Fact]
    public void A_missed_budget_becomes_an_msbuild_error_at_its_file_and_line()
    {
        var task = CreateTask(Config("size: { max_kb: 1 }"));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("MC2003", error.Code);
        Assert.Equal(task.ConfigFile, error.File);
        Assert.Equal(6, error.LineNumber);
        Assert.False(File.Exists(task.ManifestFile));
    }

    [Fact]
    public void Severity_warning_keeps_it_a_warning_and_the_build_goes_on()
    {
        var task = CreateTask(Config("size: { max_kb: 1 }"));
        task.BudgetSeverity = "warning";

        Assert.True(task.Execute(), _engine.Log);

        Assert.Empty(_engine.Errors);
        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("MC2003", warning.Code);
        Assert.Equal(6, warning.LineNumber);
        Assert.True(File.Exists(task.ManifestFile));
    }

    [Fact]
    public void Paths_with_spaces_at_signs_and_umlauts_reach_the_engine_unchanged()
    {
        var task = CreateTask(Config("size: { max_kb: 1000 }"));

        Assert.True(task.Execute(), _engine.Log);

        Assert.Contains(_engine.Messages, m => m.Message == "modelcompress (stand-in): run " + task.ConfigFile);
        Assert.Contains(" @ Grüße-", task.ConfigFile);
    }

    [Fact]
    public void An_engine_crash_without_a_diagnostic_is_an_MC9002_error()
    {
        var task = CreateTask(Config("size: { max_kb: 1000 }") + "# standin: crash\n");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("MC9002", error.Code);
        Assert.Equal(task.ConfigFile, error.File);
    }

    [Fact]
    public void Every_parameter_problem_is_reported_before_anything_starts()
    {
        var task = CreateTask(Config("size: { max_kb: 1000 }"));
        task.ConfigFile = "relative/compression.yaml";
        task.BudgetSeverity = "fatal";
        task.EngineToolPath = Path.Combine(_folder.Path, "missing", "modelcompress.dll");

        Assert.False(task.Execute());

        Assert.Equal(new[] { "MC5090", "MC5090", "MC5092" }, _engine.Errors.Select(e => e.Code).OrderBy(c => c, StringComparer.Ordinal));
        Assert.DoesNotContain(_engine.Messages, m => m.Message != null && m.Message.StartsWith("modelcompress (stand-in)", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();

    private string Config(string sizeBudget) => DigitsEngineTask.Config(_folder, sizeBudget);

    private RunModelCompressEngine CreateTask(string configText)
    {
        var task = DigitsEngineTask.Create(_folder, _engine, configText);
        task.EngineToolPath = TestEngine.StandInPath;
        return task;
    }
}
