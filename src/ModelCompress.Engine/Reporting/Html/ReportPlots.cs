using ScottPlot;

namespace ModelCompress.Engine.Reporting.Html;

/// <summary>
/// Which plots a model's part of report.html holds, from what its report knows: quality against size and against
/// latency for the original and after every step (the Pareto view), per-layer sparsity and widths for pruning steps,
/// and training curves for steps that trained. A plot whose data is absent is left out, never drawn empty.
/// </summary>
internal static class ReportPlots
{
    // More bars than this would make unreadable labels; the steps table lists every layer.
    private const int MaxBars = 80;

    public static IReadOnlyList<PlotSpec> For(ModelReport model)
    {
        var plots = new List<PlotSpec>();
        var points = Points(model);
        var metric = model.Original?.Accuracy is not null ? "top-1 (%)" : "agreement with the original (%)";
        var sized = points.Where(p => p.Quality is not null).ToList();
        if (sized.Count > 0)
        {
            plots.Add(new PlotSpec($"{model.Name}: {metric} against size, after each step", 380,
                plot => Pareto(plot, sized.Select(p => (p.Label, p.SizeKb, p.Quality!.Value)).ToList(), "size (KB)", metric)));
        }

        var timed = sized.Where(p => p.P50Ms is not null).ToList();
        if (timed.Count > 0)
        {
            plots.Add(new PlotSpec($"{model.Name}: {metric} against latency (p50), after each step", 380,
                plot => Pareto(plot, timed.Select(p => (p.Label, p.P50Ms!.Value, p.Quality!.Value)).ToList(), "latency p50 (ms)", metric)));
        }

        foreach (var step in model.Steps)
        {
            plots.AddRange(StepPlots(model.Name, step));
        }

        return plots;
    }

    private static IEnumerable<PlotSpec> StepPlots(string model, StepReport step)
    {
        var title = $"{model}, step {step.Index + 1} ({step.Kind})";
        var fractions = LayerFacts.Fractions(step);
        if (fractions.Count > 0)
        {
            var rows = fractions.Take(MaxBars).Select(f => (f.Layer, (double?)null, f.Fraction * 100)).ToList();
            yield return new PlotSpec($"{title}: sparsity per layer{Shown(rows.Count, fractions.Count)}", BarHeight(rows.Count),
                plot => Bars(plot, rows, "share of weights or channels removed (%)"));
        }

        var widths = LayerFacts.Widths(step);
        if (widths.Count > 0)
        {
            var rows = widths.Take(MaxBars).Select(w => (w.Layer, (double?)w.Before, (double)w.After)).ToList();
            yield return new PlotSpec($"{title}: width before (grey) and after (blue){Shown(rows.Count, widths.Count)}", BarHeight(rows.Count),
                plot => Bars(plot, rows, "channels, neurons or heads"));
        }

        var epochs = step.Facts.Select(f => EpochFact.TryParse(f, out var e) ? e : (EpochPoint?)null).OfType<EpochPoint>()
            .Where(e => double.IsFinite(e.Loss) && double.IsFinite(e.Score)).OrderBy(e => e.Epoch).ToList();
        if (epochs.Count > 0)
        {
            yield return new PlotSpec($"{title}: training loss and validation {epochs[0].Metric} per epoch", 340, plot => Training(plot, epochs));
        }
    }

    /// <summary>Validation score against sparsity, one line per layer, with the unpruned baseline.</summary>
    public static PlotSpec Sensitivity(IReadOnlyList<SensitivityCurve> curves) =>
        new($"sensitivity: validation {curves[0].Metric} when one layer alone is pruned", 420, plot =>
        {
            foreach (var curve in curves)
            {
                var line = plot.Add.Scatter(curve.Points.Select(p => p.Sparsity * 100).ToArray(), curve.Points.Select(p => p.Score * 100).ToArray());
                line.LegendText = curve.Layer;
                line.MarkerSize = 5;
            }

            var baseline = plot.Add.HorizontalLine(curves[0].Baseline * 100);
            baseline.LegendText = "unpruned";
            plot.XLabel("sparsity of that layer (%)");
            plot.YLabel($"{curves[0].Metric} (%)");
            plot.ShowLegend(Alignment.LowerLeft);
        });

    private static List<(string Label, double SizeKb, double? P50Ms, double? Quality)> Points(ModelReport model)
    {
        var points = new List<(string, double, double?, double?)>();
        if (model.Original is { } original)
        {
            points.Add(("original", original.SizeBytes / 1024.0, original.Latency?.P50Ms, original.Quality * 100));
        }

        points.AddRange(model.Steps.Where(s => s.Metrics is not null).Select(s =>
            ($"{s.Index + 1}. {s.Kind}", s.Metrics!.SizeBytes / 1024.0, s.Metrics.Latency?.P50Ms, s.Metrics.Quality * 100)));
        return points;
    }

    private static void Pareto(Plot plot, IReadOnlyList<(string Label, double X, double Y)> points, string x, string y)
    {
        var path = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        // Solid lines only: Skia's SVG canvas cannot write dash effects and says so on stderr, into the build log.
        path.LineWidth = 1;
        path.MarkerSize = 9;
        foreach (var (label, px, py) in points)
        {
            var text = plot.Add.Text(label, px, py);
            text.LabelFontSize = 12;
            text.OffsetX = 7;
            text.OffsetY = -7;
        }

        plot.Axes.Margins(0.25, 0.2);
        plot.XLabel(x);
        plot.YLabel(y);
    }

    private static void Bars(Plot plot, IReadOnlyList<(string Layer, double? Before, double After)> rows, string axis)
    {
        // Horizontal bars, first layer on top, so long node names stay readable.
        var positions = rows.Select((_, i) => (double)(rows.Count - 1 - i)).ToArray();
        if (rows.Any(r => r.Before is not null))
        {
            var before = plot.Add.Bars(positions, rows.Select(r => r.Before ?? 0).ToArray());
            before.Horizontal = true;
            before.Color = Colors.LightGray;
        }

        var after = plot.Add.Bars(positions, rows.Select(r => r.After).ToArray());
        after.Horizontal = true;
        after.Color = Colors.SteelBlue;
        plot.Axes.Left.SetTicks(positions, rows.Select(r => r.Layer).ToArray());
        plot.Axes.Margins(left: 0, bottom: 0.05);
        plot.XLabel(axis);
    }

    private static void Training(Plot plot, IReadOnlyList<EpochPoint> epochs)
    {
        var x = epochs.Select(e => (double)e.Epoch).ToArray();
        var loss = plot.Add.Scatter(x, epochs.Select(e => e.Loss).ToArray());
        loss.LegendText = "training loss (left)";
        var score = plot.Add.Scatter(x, epochs.Select(e => e.Score * 100).ToArray());
        score.LegendText = $"validation {epochs[0].Metric} % (right)";
        score.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.Axes.Right.Label.Text = $"{epochs[0].Metric} (%)";
        plot.ShowLegend(Alignment.MiddleRight);
    }

    private static int BarHeight(int rows) => 110 + (24 * rows);

    private static string Shown(int shown, int all) => shown == all ? string.Empty : $" (first {shown} of {all}; the steps table lists all)";
}
