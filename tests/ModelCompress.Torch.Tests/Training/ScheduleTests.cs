using ModelCompress.Torch.Training.Pruning;

namespace ModelCompress.Torch.Tests.Training;

public sealed class ScheduleTests
{
    [Fact]
    public void Warm_up_is_linear_per_step_then_cosine_reaches_zero_at_the_last_step()
    {
        var options = TrainingOptions.Adam(epochs: 4, lr: 0.1) with { LrSchedule = LrSchedule.Cosine, WarmupEpochs = 1 };
        var schedule = new LearningRateSchedule(options, stepsPerEpoch: 10);

        Assert.Equal(0.01, schedule.At(0), 12);
        Assert.Equal(0.05, schedule.At(4), 12);
        Assert.Equal(0.1, schedule.At(10), 12);
        Assert.Equal(0.05, schedule.At(25), 12);
        Assert.True(schedule.At(39) < 0.001);
    }

    [Fact]
    public void Step_schedule_multiplies_by_gamma_every_step_size_epochs()
    {
        var options = TrainingOptions.Adam(epochs: 6, lr: 1) with { LrSchedule = LrSchedule.Step, StepSize = 2, Gamma = 0.5 };
        var schedule = new LearningRateSchedule(options, stepsPerEpoch: 3);

        Assert.Equal([1, 1, 0.5, 0.5, 0.25, 0.25], Enumerable.Range(0, 6).Select(e => schedule.At(e * 3)).ToArray());
        Assert.Equal(1, new LearningRateSchedule(options with { LrSchedule = LrSchedule.Constant }, 3).At(17));
    }

    [Fact]
    public void Cubic_sparsity_ramp_rises_fast_then_holds_the_target()
    {
        var schedule = new SparsitySchedule(0, 0.9, RampSteps: 100);

        Assert.Equal(0.9 * (1 - Math.Pow(0.99, 3)), schedule.At(0), 12);
        Assert.Equal(0.9 * (1 - Math.Pow(0.5, 3)), schedule.At(49), 12);
        Assert.Equal(0.9, schedule.At(99));
        Assert.Equal(0.9, schedule.At(500));
        Assert.Equal(1, SparsitySchedule.RampEpochs(3));
        Assert.Equal(2, SparsitySchedule.RampEpochs(4));
        Assert.Equal(1, SparsitySchedule.RampEpochs(1));
    }

    [Fact]
    public void Shuffle_is_a_seeded_permutation()
    {
        var a = BatchOrder.Shuffle(1200, new Random(0));
        var b = BatchOrder.Shuffle(1200, new Random(0));

        Assert.Equal(a, b);
        Assert.Equal(Enumerable.Range(0, 1200), a.Order());
        Assert.NotEqual(Enumerable.Range(0, 1200), a);
        Assert.NotEqual(a, BatchOrder.Shuffle(1200, new Random(1)));
    }
}
