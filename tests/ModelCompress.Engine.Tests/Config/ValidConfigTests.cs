namespace ModelCompress.Engine.Tests.Config;

public sealed class ValidConfigTests
{
    private const string Full = """
        # yaml-language-server: $schema=./compression.schema.json
        version: 1
        models:
          digits:
            source: digits_cnn.onnx
            seed: 3
            data:
              path: digits.npz
              inputs: { input: x_test }
              labels: y_test
              calibration: x_calib
              train: { inputs: { input: x_train }, labels: y_train }
              validation: { inputs: { input: x_calib }, labels: y_calib }
            steps:
              - prune: { method: magnitude, sparsity: 0.5, scope: global }
              - prune:
                  sparsity: 0.8
                  schedule: gradual
                  importance: taylor
                  exclude: [conv1]
                  training: { epochs: 3, lr: 0.001, distill: { temperature: 2 } }
              - distill:
                  teacher: digits_cnn_bn.onnx
                  features: [{ teacher: t1, student: s1 }]
                  training: { epochs: 2, lr: 0.01, optimizer: sgd, lr_schedule: step, step_size: 1 }
              - finetune: { training: { epochs: 1, lr: 0.0005, optimizer: adamw, early_stop: false } }
              - quantize: { mode: dynamic, ops: [Conv, MatMul], per_channel: false }
            evaluation: { warmup: 5, iterations: 50, threads: 2, provider: cpu, batch_size: 32 }
            budgets:
              accuracy: { metric: top1, max_drop: 0.01 }
              latency: { percentile: 99, max_ratio: 1.5 }
              size: { max_kb: 300 }
          mlp-csv:
            source: digits_mlp.onnx
            data: { path: digits_test.csv, inputs: { input: "p0..p63" }, labels: label }
            steps:
              - quantize: { mode: dynamic }
        """;

    [Fact]
    public void Full_file_parses_to_models_in_file_order_with_absolute_paths()
    {
        var config = ConfigText.Parse(Full);

        Assert.Equal(1, config.Version);
        Assert.Equal(ConfigText.ConfigPath, config.FilePath);
        Assert.Equal(["digits", "mlp-csv"], config.Models.Select(m => m.Name));
        var digits = config.Models[0];
        Assert.Equal(Path.Combine(ConfigText.FixtureFolder, "digits_cnn.onnx"), digits.SourcePath);
        Assert.Equal(At("digits_cnn.onnx"), digits.SourcePosition);
        Assert.Equal(At("digits:"), digits.Position);
        Assert.Equal(3, digits.Seed);
        Assert.Equal(new EvaluationSettings(5, 50, 2, ExecutionProvider.Cpu, 32), digits.Evaluation);
    }

    [Fact]
    public void Data_section_binds_inputs_labels_calibration_and_splits()
    {
        var data = ConfigText.Parse(Full).Models[0].Data!;

        Assert.Equal(Path.Combine(ConfigText.FixtureFolder, "digits.npz"), data.Path);
        Assert.Equal(DataFormat.Npz, data.Format);
        var input = Assert.Single(data.Inputs);
        Assert.Equal(("input", "x_test"), (input.ModelInput, input.Array));
        Assert.Equal(ConfigText.Locate(Full, "x_test"), (input.Position.Line, input.Position.Column));
        Assert.Null(input.Columns);
        Assert.Equal("y_test", data.Labels!.Name);
        Assert.Equal(("input", "x_calib"), (data.Calibration![0].ModelInput, data.Calibration[0].Array));
        Assert.Equal("x_train", data.Train!.Inputs[0].Array);
        Assert.Equal("y_train", data.Train.Labels!.Name);
        Assert.Equal("y_calib", data.Validation!.Labels!.Name);
    }

    [Fact]
    public void Csv_column_range_expands_to_column_names()
    {
        var data = ConfigText.Parse(Full).Models[1].Data!;

        Assert.Equal(DataFormat.Csv, data.Format);
        var columns = data.Inputs[0].Columns!;
        Assert.Equal(64, columns.Count);
        Assert.Equal("p0", columns[0]);
        Assert.Equal("p63", columns[63]);
        Assert.Equal("label", data.Labels!.Name);
    }

    [Fact]
    public void Steps_become_typed_settings_with_defaults_filled_in()
    {
        var steps = ConfigText.Parse(Full).Models[0].Steps;

        Assert.Equal(["prune", "prune", "distill", "finetune", "quantize"], steps.Select(s => s.Kind));
        Assert.Equal([0, 1, 2, 3, 4], steps.Select(s => s.Index));
        Assert.Equal(["prune.oneshot", "prune.gradual", "distill", "finetune", "quantize.dynamic"], steps.Select(s => StepKinds.Of(s.Settings).Name));
        Assert.Equal([false, true, true, true, false], steps.Select(s => StepKinds.Of(s.Settings).RequiresTraining));

        var oneshot = Assert.IsType<PruneSettings>(steps[0].Settings);
        Assert.Equal(new PruneSettings(PruneMethod.Magnitude, 0.5, PruneScope.Global, PruneSchedule.Oneshot, PruneImportance.Magnitude, oneshot.Include, oneshot.Exclude, null, PruneLimits.Default), oneshot);
        Assert.Empty(oneshot.Include);

        var gradual = Assert.IsType<PruneSettings>(steps[1].Settings);
        Assert.Equal((0.8, PruneImportance.Taylor, "conv1"), (gradual.Sparsity, gradual.Importance, Assert.Single(gradual.Exclude)));
        var training = gradual.Training!;
        Assert.Equal((3, 0.001, 64, OptimizerKind.Adam, LrSchedule.Constant, 3, true), (training.Epochs, training.Lr, training.BatchSize, training.Optimizer, training.LrSchedule, training.Seed, training.EarlyStop));
        Assert.Equal(new TrainingDistillation(2, 0.7), training.Distill);
        Assert.Equal(0.01, training.EarlyStopBudget!.MaxDrop);

        var distill = Assert.IsType<DistillSettings>(steps[2].Settings);
        Assert.Equal(("digits_cnn_bn.onnx", Path.Combine(ConfigText.FixtureFolder, "digits_cnn_bn.onnx")), (distill.Teacher, distill.TeacherPath));
        Assert.Equal((DistillSettings.CurrentStudent, (string?)null, 4.0, 0.7), (distill.Student, distill.StudentPath, distill.Temperature, distill.Alpha));
        Assert.Equal(("t1", "s1"), (distill.Features[0].Teacher, distill.Features[0].Student));
        Assert.Equal((OptimizerKind.Sgd, 0.9, 1, 0.1), (distill.Training.Optimizer, distill.Training.Momentum, distill.Training.StepSize, distill.Training.Gamma));

        var finetune = Assert.IsType<FinetuneSettings>(steps[3].Settings);
        Assert.Equal((OptimizerKind.AdamW, 0.01, false), (finetune.Training.Optimizer, finetune.Training.WeightDecay, finetune.Training.EarlyStop));

        var quantize = Assert.IsType<QuantizeSettings>(steps[4].Settings);
        Assert.Equal((QuantizeMode.Dynamic, false), (quantize.Mode, quantize.PerChannel));
        Assert.Equal(["Conv", "MatMul"], quantize.Ops);
        Assert.Equal(QuantizeSettings.DefaultOps, Assert.IsType<QuantizeSettings>(ConfigText.Parse(Full).Models[1].Steps[0].Settings).Ops);
    }

    [Fact]
    public void Budgets_keep_the_positions_of_their_keys_and_limits()
    {
        var budgets = ConfigText.Parse(Full).Models[0].Budgets;

        Assert.Equal((AccuracyMetric.Top1, 0.01, (double?)null), (budgets.Accuracy!.Metric, budgets.Accuracy.MaxDrop, budgets.Accuracy.MaxRelativeDrop));
        Assert.Equal(ConfigText.Locate(Full, "accuracy:"), (budgets.Accuracy.Position.Line, budgets.Accuracy.Position.Column));
        Assert.Equal(ConfigText.Locate(Full, "max_drop"), (budgets.Accuracy.LimitPosition.Line, budgets.Accuracy.LimitPosition.Column));
        Assert.Equal((99, (double?)null, 1.5), (budgets.Latency!.Percentile, budgets.Latency.MaxMs, budgets.Latency.MaxRatio));
        Assert.Equal((300.0, (double?)null), (budgets.Size!.MaxKb, budgets.Size.MaxRatio));
    }

    [Fact]
    public void Step_value_positions_point_at_each_written_value()
    {
        var step = ConfigText.Parse(Full).Models[0].Steps[1];

        Assert.Equal(At("0.8"), step.PositionOf("sparsity"));
        Assert.Equal(At("conv1"), step.PositionOf("exclude[0]"));
        Assert.Equal(At("3, lr: 0.001"), step.PositionOf("training.epochs"));
        Assert.Equal(step.Position, step.PositionOf("not.written"));
    }

    private static SourcePosition At(string needle)
    {
        var (line, column) = ConfigText.Locate(Full, needle);
        return new SourcePosition(ConfigText.ConfigPath, line, column);
    }

    [Fact]
    public void Defaults_apply_when_optional_sections_are_absent()
    {
        var model = ConfigText.Parse("""
            version: 1
            models:
              m:
                source: digits_mlp.onnx
                steps: [ { quantize: { mode: dynamic } } ]
            """).Models[0];

        Assert.Null(model.Data);
        Assert.Equal(0, model.Seed);
        Assert.Equal(EvaluationSettings.Default, model.Evaluation);
        Assert.Equal(BudgetsConfig.None, model.Budgets);
    }

    [Fact]
    public void Load_reads_the_file_and_resolves_paths_against_its_folder()
    {
        var folder = Directory.CreateTempSubdirectory("mc-config-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "models"));
            File.Copy(Path.Combine(ConfigText.FixtureFolder, "digits_mlp.onnx"), Path.Combine(folder.FullName, "models", "mlp.onnx"));
            var path = Path.Combine(folder.FullName, "compression.yaml");
            File.WriteAllText(path, "version: 1\nmodels:\n  mlp:\n    source: models/mlp.onnx\n    steps:\n      - quantize: { mode: dynamic }\n");

            var config = ConfigLoader.Load(path);

            Assert.Equal(Path.Combine(folder.FullName, "models", "mlp.onnx"), config.Models[0].SourcePath);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
