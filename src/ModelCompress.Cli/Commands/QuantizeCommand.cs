using ModelCompress.Cli.Commands.OneShot;

namespace ModelCompress.Cli.Commands;

/// <summary>
/// <c>modelcompress quantize MODEL --mode dynamic|static|fp16|weight_only [--calibration DATA.npz] [--bits 4]
/// --output OUT.onnx</c>: one quantize step through the engine, as a compression.yaml with that step would run it.
/// </summary>
internal static class QuantizeCommand
{
    public static Command Create()
    {
        var common = new OneShotOptions();
        // A string, not a fixed choice: the config reader judges it, so an unknown mode gets the code (and the
        // suggestion) a compression.yaml would get.
        var mode = new Option<string>("--mode") { Description = "dynamic, static (needs --calibration), fp16 or weight_only.", Required = true };
        var calibration = new Option<string?>("--calibration") { Description = "Calibration data (.npz) for --mode static; its arrays are named by --calibration-input." };
        var calibrationInputs = new Option<string[]>("--calibration-input") { Description = "Model input = calibration array, e.g. input=x_calib (just the array for a one-input model). Repeatable.", AllowMultipleArgumentsPerToken = true };
        var bits = new Option<int?>("--bits") { Description = "Bits per weight for --mode weight_only: 4 (default) or 8." };
        var command = new Command("quantize", "Quantize one model (one quantize step, run, evaluated and reported like `run`).") { mode, calibration, calibrationInputs, bits };
        common.AddTo(command);
        command.SetAction(result =>
        {
            var modeText = result.GetValue(mode)!;
            var bitsValue = result.GetValue(bits);
            void Step(OneShotYaml yaml)
            {
                yaml.Line("      - quantize:", $"--mode {modeText}")
                    .Line($"          mode: {OneShotYaml.Quote(modeText)}", $"--mode {modeText}");
                if (bitsValue is { } b)
                {
                    yaml.Line(string.Create(CultureInfo.InvariantCulture, $"          bits: {b}"), $"--bits {b}");
                }
            }

            return OneShotRun.Execute(common.Request(result, "quantize", Step, result.GetValue(calibration), result.GetValue(calibrationInputs)));
        });
        return command;
    }
}
