using System.Globalization;
using DigitsApp;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

// The model was compressed by the build and embedded in this assembly; the accessor was generated with it.
// MODEL_BY_PATH (ExternalDataApp): its weights are in external data, so the build copied it beside the app instead.
var (pixels, labels) = LoadTestSet(Path.Combine(AppContext.BaseDirectory, "data", "digits_test.csv"));
#if MODEL_BY_PATH
using var session = new InferenceSession(CompressedModels.Digits.FilePath);
#else
using var session = new InferenceSession(CompressedModels.Digits.ReadAllBytes());
#endif

var count = labels.Length;
var input = new DenseTensor<float>(pixels, new[] { count, 1, 8, 8 });
using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", input) });
var logits = results.First(r => r.Name == "logits").AsTensor<float>();

var correct = 0;
for (var row = 0; row < count; row++)
{
    var best = 0;
    for (var k = 1; k < 10; k++)
    {
        if (logits[row, k] > logits[row, best])
        {
            best = k;
        }
    }

    correct += best == labels[row] ? 1 : 0;
}

Console.WriteLine($"models: {string.Join(", ", CompressedModels.All)}");
#if MODEL_BY_PATH
Console.WriteLine($"file: {CompressedModels.Digits.FilePath}");
#else
Console.WriteLine($"resource: {CompressedModels.Digits.ResourceName}");
#endif
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {(double)correct / count:F4} ({correct}/{count})"));

// digits_test.csv: header p0..p63,label; one test image per row, pixels already scaled to [0,1].
static (float[] Pixels, long[] Labels) LoadTestSet(string path)
{
    var rows = File.ReadLines(path).Skip(1).Where(line => line.Length > 0).ToArray();
    var pixels = new float[rows.Length * 64];
    var labels = new long[rows.Length];
    for (var row = 0; row < rows.Length; row++)
    {
        var cells = rows[row].Split(',');
        for (var p = 0; p < 64; p++)
        {
            pixels[(row * 64) + p] = float.Parse(cells[p], CultureInfo.InvariantCulture);
        }

        labels[row] = long.Parse(cells[64], CultureInfo.InvariantCulture);
    }

    return (pixels, labels);
}
