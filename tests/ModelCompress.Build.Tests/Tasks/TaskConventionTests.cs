using System.Reflection;
using System.Xml.Linq;
using Microsoft.Build.Framework;

namespace ModelCompress.Build.Tests.Tasks;

/// <summary>Conventions checked by reflection over every task in the assembly.</summary>
public sealed class TaskConventionTests : IDisposable
{
    private static readonly Type[] TaskTypes = typeof(RunModelCompressEngine).Assembly.GetTypes()
        .Where(t => t.IsPublic && !t.IsAbstract && typeof(ITask).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    private readonly TempFolder _folder = new();

    [Fact]
    public void The_assembly_holds_the_six_tasks_each_sealed()
    {
        Assert.Equal(new[] { "GenerateModelCompressAccessor", "PatchLibTorchSharpCompat", "ReadModelCompressManifest", "ReplayModelCompressDiagnostics", "RunModelCompressEngine", "ScanModelCompressConfig" }, TaskTypes.Select(t => t.Name));
        Assert.All(TaskTypes, t => Assert.True(t.IsSealed, t.Name + " is not sealed"));
    }

    [Fact]
    public void Each_task_works_with_only_its_Required_inputs_set()
    {
        // If an input the task cannot do without were not [Required], one of these would fail.
        foreach (var type in TaskTypes)
        {
            var engine = new RecordingBuildEngine();
            var task = (ITask)Activator.CreateInstance(type)!;
            task.BuildEngine = engine;
            foreach (var property in Inputs(type).Where(IsRequired))
            {
                property.SetValue(task, ValidValue(property));
            }

            var ok = task is RunModelCompressEngine run ? Validate(run) : task.Execute();

            Assert.True(ok || engine.Errors.All(e => e.Code != "MC5090"), type.Name + ": " + engine.Log);
            Assert.DoesNotContain(engine.Errors, e => e.Code == "MC5090");
        }
    }

    [Fact]
    public void The_targets_pass_every_Required_input_of_every_task_they_call()
    {
        var targets = AllTargets();
        foreach (var type in TaskTypes)
        {
            var calls = targets.SelectMany(t => t.Descendants()).Where(e => e.Name.LocalName == type.Name).ToList();
            Assert.True(calls.Count > 0, type.Name + " is never called by the targets");
            foreach (var call in calls)
            {
                foreach (var property in Inputs(type).Where(IsRequired))
                {
                    Assert.True(call.Attribute(property.Name) != null, type.Name + " is called without its required " + property.Name);
                }
            }
        }
    }

    [Fact]
    public void Every_input_the_targets_set_exists_on_the_task()
    {
        var targets = AllTargets();
        foreach (var type in TaskTypes)
        {
            foreach (var call in targets.SelectMany(t => t.Descendants()).Where(e => e.Name.LocalName == type.Name))
            {
                foreach (var attribute in call.Attributes().Where(a => a.Name.LocalName is not ("Condition" or "ContinueOnError")))
                {
                    Assert.True(type.GetProperty(attribute.Name.LocalName)?.CanWrite == true, type.Name + " has no settable " + attribute.Name.LocalName);
                }
            }
        }
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Every targets file that calls our tasks: the package's and the libtorch compatibility one.</summary>
    private static IReadOnlyList<XDocument> AllTargets() =>
        Directory.GetFiles(TestEngine.BuildDir, "*.targets").Order(StringComparer.Ordinal).Select(XDocument.Load).ToList();

    private static IEnumerable<PropertyInfo> Inputs(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.SetMethod?.IsPublic == true);

    private static bool IsRequired(PropertyInfo property) => property.GetCustomAttribute<RequiredAttribute>() != null;

    private static bool Validate(RunModelCompressEngine task) =>
        (bool)typeof(RunModelCompressEngine).GetMethod("ValidateParameters", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(task, null)!;

    private object ValidValue(PropertyInfo property) => property.Name switch
    {
        "ClassName" => "CompressedModels",
        _ when property.PropertyType == typeof(string) => Path.Combine(_folder.Path, property.Name),
        _ when property.PropertyType == typeof(ITaskItem[]) => Array.Empty<ITaskItem>(),
        _ => throw new InvalidOperationException("No valid test value for " + property.Name + "; extend ValidValue."),
    };
}
