namespace ModelCompress.Build.Tests.Support;

/// <summary>
/// A copy of testprojects/ in a temporary folder whose path holds a space, '@' and non-ASCII characters, the
/// way a user's checkout might. Builds it with the repository's build files, tasks and engine.
/// </summary>
internal sealed class TestProjectCopy : IDisposable
{
    private TestProjectCopy(string root) => Root = root;

    /// <summary>The copied testprojects folder.</summary>
    public string Root { get; }

    /// <summary>Copies testprojects/ (without bin/obj) to a fresh temporary folder.</summary>
    public static TestProjectCopy Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "mc e2e @ Grüße-" + Guid.NewGuid().ToString("N")[..8], "testprojects");
        Copy(Path.Combine(TestEngine.RepoRoot, "testprojects"), root);
        return new TestProjectCopy(root);
    }

    /// <summary>The folder of one test project.</summary>
    public string ProjectDir(string name) => Path.Combine(Root, name);

    /// <summary><c>dotnet build</c> of a test project with extra arguments (e.g. -p:...).</summary>
    public CliResult Build(string project, params string[] extra) => Dotnet("build", project, extra);

    /// <summary>Runs <paramref name="verb"/> (build, clean, msbuild) on a test project, pointed at the repo's outputs.</summary>
    public CliResult Dotnet(string verb, string project, params string[] extra)
    {
        var arguments = new List<string>
        {
            verb,
            Path.Combine(ProjectDir(project), project + ".csproj"),
            "-nodeReuse:false",
            "-tl:off",
            "-v:n",
            "-p:ModelCompressBuildDir=" + TestEngine.BuildDir,
            "-p:ModelCompressTasksAssembly=" + TestEngine.TasksAssembly,
            "-p:ModelCompressToolPath=" + TestEngine.ToolPath,
        };
        arguments.AddRange(extra);
        return DotnetCli.Run(ProjectDir(project), arguments.ToArray());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temp folder is cleaned by the OS later.
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                Copy(directory, Path.Combine(to, name));
            }
        }
    }
}
