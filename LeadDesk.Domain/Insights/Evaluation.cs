namespace LeadDesk.Domain.Insights;

/// <summary>
/// The held-out figures, computed the same way for every predictor (a fitted model's probabilities or a rule model's
/// points), so that they can stand side by side.
/// </summary>
public static class Evaluation
{
    /// <summary>Points on a ROC curve as kept for the page: enough to draw it, few enough to store.</summary>
    public const int RocPoints = 51;

    /// <summary>
    /// The area under the ROC curve: the chance that a won lead scores above a lost one, ties counting half
    /// (the Mann–Whitney statistic, from ranks with ties averaged). 0.5 when either outcome is missing.
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> won)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSumWon = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            var rank = (start + end) / 2.0 + 1; // ranks of a tie averaged
            for (var k = start; k <= end; k++)
            {
                if (!won[order[k]]) continue;
                rankSumWon += rank;
                positives++;
            }
            start = end + 1;
        }
        var negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) return 0.5;
        return (rankSumWon - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    /// <summary>The ROC curve from the highest score down, thinned to about <see cref="RocPoints"/> points (both ends kept).</summary>
    public static IReadOnlyList<RocPoint> Roc(IReadOnlyList<double> scores, IReadOnlyList<bool> won)
    {
        var positives = won.Count(w => w);
        var negatives = won.Count - positives;
        var points = new List<RocPoint> { new(0, 0) };
        if (positives == 0 || negatives == 0) return [new(0, 0), new(1, 1)];
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var (tp, fp) = (0, 0);
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            for (var k = start; k <= end; k++)
                if (won[order[k]]) tp++; else fp++;
            points.Add(new RocPoint((double)fp / negatives, (double)tp / positives));
            start = end + 1;
        }
        if (points.Count <= RocPoints) return points;
        var step = (points.Count - 1) / (double)(RocPoints - 1);
        return Enumerable.Range(0, RocPoints).Select(i => points[(int)Math.Round(i * step)]).ToList();
    }

    /// <summary>The threshold (a probability on a 0.01 grid) at which the most leads are predicted right.</summary>
    public static double BestThreshold(IReadOnlyList<double> probabilities, IReadOnlyList<bool> won)
    {
        var (best, bestCorrect) = (0.5, -1);
        for (var step = 1; step < 100; step++)
        {
            var threshold = step / 100.0;
            var correct = 0;
            for (var i = 0; i < probabilities.Count; i++)
                if (probabilities[i] >= threshold == won[i]) correct++;
            // Ties go to the threshold nearest one half, so that a flat stretch does not push it to an extreme.
            if (correct > bestCorrect || (correct == bestCorrect && Math.Abs(threshold - 0.5) < Math.Abs(best - 0.5)))
                (best, bestCorrect) = (threshold, correct);
        }
        return best;
    }

    /// <summary>Accuracy, precision and recall of "predicted won" against the outcome.</summary>
    public static (double Accuracy, double Precision, double Recall) AtThreshold(IReadOnlyList<bool> predicted, IReadOnlyList<bool> won)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < won.Count; i++)
        {
            if (predicted[i] && won[i]) tp++;
            else if (predicted[i]) fp++;
            else if (won[i]) fn++;
            else tn++;
        }
        return (won.Count == 0 ? 0 : (double)(tp + tn) / won.Count, tp + fp == 0 ? 0 : (double)tp / (tp + fp), tp + fn == 0 ? 0 : (double)tp / (tp + fn));
    }

    /// <summary>Leads per tenth of predicted probability, with the mean prediction and how many were won.</summary>
    public static IReadOnlyList<CalibrationBin> ProbabilityBins(IReadOnlyList<double> probabilities, IReadOnlyList<bool> won)
    {
        var bins = new List<CalibrationBin>(10);
        for (var b = 0; b < 10; b++)
        {
            var (from, to) = (b / 10.0, (b + 1) / 10.0);
            var members = Enumerable.Range(0, probabilities.Count)
                .Where(i => probabilities[i] >= from && (probabilities[i] < to || (b == 9 && probabilities[i] <= 1))).ToList();
            bins.Add(new CalibrationBin(from, to, members.Count, members.Count(i => won[i]),
                members.Count == 0 ? null : members.Average(i => probabilities[i])));
        }
        return bins;
    }

    /// <summary>
    /// Leads per tenth of the score's distribution (bands of points, merged where scores tie), with how many were won:
    /// the calibration table of a score that is not a probability.
    /// </summary>
    public static IReadOnlyList<CalibrationBin> ScoreBins(IReadOnlyList<double> scores, IReadOnlyList<bool> won)
    {
        if (scores.Count == 0) return [];
        var sorted = scores.Order().ToArray();
        var edges = Enumerable.Range(1, 9).Select(q => sorted[(int)Math.Floor(q / 10.0 * (sorted.Length - 1))])
            .Prepend(sorted[0]).Append(sorted[^1] + 1).Distinct().ToArray();
        var bins = new List<CalibrationBin>();
        for (var b = 0; b + 1 < edges.Length; b++)
        {
            var (from, to) = (edges[b], edges[b + 1]);
            var members = Enumerable.Range(0, scores.Count).Where(i => scores[i] >= from && scores[i] < to).ToList();
            if (members.Count > 0) bins.Add(new CalibrationBin(from, to, members.Count, members.Count(i => won[i]), null));
        }
        return bins;
    }

    /// <summary>The figures of a fitted model: probabilities, the threshold chosen on the training leads.</summary>
    public static PredictorFigures ForProbabilities(PredictorKind kind, IReadOnlyList<double> probabilities, IReadOnlyList<bool> won, double threshold)
    {
        var (accuracy, precision, recall) = AtThreshold(probabilities.Select(p => p >= threshold).ToList(), won);
        return new PredictorFigures(kind, RocAuc(probabilities, won), threshold, accuracy, precision, recall,
            ProbabilityBins(probabilities, won), Roc(probabilities, won));
    }

    /// <summary>The figures of a rule model: total scores, and whether each lead meets its MQL definition.</summary>
    public static PredictorFigures ForScores(PredictorKind kind, IReadOnlyList<double> scores, IReadOnlyList<bool> meetsMql, IReadOnlyList<bool> won, int mqlThreshold)
    {
        var (accuracy, precision, recall) = AtThreshold(meetsMql, won);
        return new PredictorFigures(kind, RocAuc(scores, won), mqlThreshold, accuracy, precision, recall, ScoreBins(scores, won), Roc(scores, won));
    }
}
