namespace TradingBlazor.Domain.ML.Validation;

/// <summary>One validation fold: train on rows [0, TrainEnd), test on rows [TestStart, TestEnd), all in time order.</summary>
public sealed record TimeFold(int Index, int TrainEnd, int TestStart, int TestEnd);

/// <summary>
/// Expanding-window walk-forward splits with purging: the rows are cut into <c>folds + 1</c> consecutive blocks; fold k
/// trains on everything before block k+1 and tests on that block. Training rows whose label looks into the test block
/// (the last <c>horizon</c> bars before it) are dropped, so no label reaches into what is being predicted.
/// Never a shuffle: a later row never trains a model that predicts an earlier one.
/// </summary>
public static class PurgedWalkForward
{
    public static IReadOnlyList<TimeFold> Split(IReadOnlyList<int> barIndex, int folds, int horizon, int minTrain = 50)
    {
        if (folds < 1) throw new ArgumentOutOfRangeException(nameof(folds), folds, "At least one fold.");
        int n = barIndex.Count, block = n / (folds + 1);
        var result = new List<TimeFold>();
        for (int k = 1; k <= folds; k++)
        {
            int testStart = k * block, testEnd = k == folds ? n : (k + 1) * block;
            int trainEnd = testStart;
            while (trainEnd > 0 && barIndex[trainEnd - 1] + horizon >= barIndex[testStart]) trainEnd--;
            if (trainEnd >= minTrain && testEnd > testStart) result.Add(new TimeFold(result.Count, trainEnd, testStart, testEnd));
        }
        return result;
    }
}
