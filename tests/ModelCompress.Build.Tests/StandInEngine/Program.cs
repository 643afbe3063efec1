using System.Globalization;
using System.Text;
using ModelCompress.Build.Tests.StandInEngine;

// Usage (the contract): run --config <abs> --output <abs> --cache-dir <abs> --budget-severity error|warning --manifest <abs>
if (args.Length != 11 || args[0] != "run")
{
    Console.Error.WriteLine("modelcompress: error MC9001: usage: run --config <file> --output <dir> --cache-dir <dir> --budget-severity error|warning --manifest <file>");
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

var configPath = options["--config"];
var output = options["--output"];
var manifestPath = options["--manifest"];
var severity = options["--budget-severity"];
Directory.CreateDirectory(Path.GetDirectoryName(manifestPath)!);
File.Delete(manifestPath);
Console.WriteLine($"modelcompress (stand-in): run {configPath}");

var config = StandInConfig.Read(configPath);
if (config.Crash)
{
    throw new InvalidOperationException("stand-in crash requested by the config");
}

var errors = 0;
var inputs = new List<string> { configPath };
var written = new List<(StandInModel Model, string File)>();
foreach (var model in config.Models)
{
    if (model.Source is null || !File.Exists(model.Source))
    {
        Console.WriteLine($"{configPath}({model.SourceLine},{model.SourceColumn}): error MC3001: model '{model.Name}': the file '{model.Source}' does not exist; fix the source path.");
        errors++;
        continue;
    }

    inputs.Add(model.Source);
    if (model.Data is not null && File.Exists(model.Data))
    {
        inputs.Add(model.Data);
    }

    var bytes = File.ReadAllBytes(model.Source);
    var kb = bytes.Length / 1024.0;
    if (model.MaxKb is { } max && kb > max)
    {
        var kind = severity == "warning" ? "warning" : "error";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{configPath}({model.BudgetLine},{model.BudgetColumn}): {kind} MC2003: model '{model.Name}' is {kb:F1} KB, over the size budget of {max} KB; compress harder or raise max_kb."));
        errors += kind == "error" ? 1 : 0;
    }

    var file = Path.Combine(output, model.Name + ".onnx");
    WriteAtomically(file, bytes);
    written.Add((model, file));
}

if (errors > 0)
{
    return 1;
}

var report = Path.Combine(output, "report.json");
WriteAtomically(report, Encoding.UTF8.GetBytes("{ \"engine\": \"stand-in\" }\n"));
WriteAtomically(Path.Combine(output, "inputs.txt"), Encoding.UTF8.GetBytes(string.Join("\n", inputs) + "\n"));
var modelsJson = string.Join(",\n    ", written.Select(w =>
    $"{{ \"name\": {Json(w.Model.Name)}, \"file\": {Json(w.File)}, \"resourceName\": {Json("Models." + w.Model.Name + ".onnx")}, \"accessorName\": {Json(Pascal(w.Model.Name))} }}"));
var manifest = $"{{\n  \"version\": 1,\n  \"inputs\": [{string.Join(", ", inputs.Select(Json))}],\n  \"models\": [\n    {modelsJson}\n  ],\n  \"reports\": [{Json(report)}]\n}}\n";
WriteAtomically(manifestPath, Encoding.UTF8.GetBytes(manifest));
return 0;

static void WriteAtomically(string path, byte[] bytes)
{
    var temp = path + ".tmp";
    File.WriteAllBytes(temp, bytes);
    File.Move(temp, path, overwrite: true);
}

static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];
