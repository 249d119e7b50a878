namespace TradingBlazor.Engine.ML.Lstm;

/// <summary>
/// LSTM settings. The design's network: LSTM <see cref="Hidden1"/> units → dropout → LSTM <see cref="Hidden2"/> →
/// dropout → dense sigmoid, over a window of the last <see cref="Window"/> feature vectors (oldest first; the newest is
/// the bar being predicted from). Dropout only acts while training.
/// </summary>
public sealed record LstmSettings(int Window = 30, int Epochs = 8, int BatchSize = 64, double LearningRate = 0.003,
    int Hidden1 = 64, int Hidden2 = 32, double Dropout = 0.2);

/// <summary>One validation fold for the trainer: train on windows ending before <c>TrainEnd</c>, score rows [TestStart, TestEnd).</summary>
public readonly record struct LstmFold(int TrainEnd, int TestStart, int TestEnd);

/// <summary>
/// What the app hands the trainer: the feature table's rows in time order, their labels, which rows end a full window
/// of consecutive bars, and the fold plan. The trainer cuts the windows itself (row r's window is rows r−W+1..r).
/// </summary>
public sealed record LstmJob(LstmSettings Settings, int Seed, float[][] Rows, bool[] Labels, bool[] WindowReady, IReadOnlyList<LstmFold> Folds)
{
    public int FeatureCount => Rows.Length == 0 ? 0 : Rows[0].Length;
}

/// <summary>
/// The files across the process boundary, little-endian binary (no parsing ambiguity, no float round-trips):
/// <c>job.bin</c> in; <c>oof.bin</c> (each row's out-of-fold logit, NaN where no fold scored it), <c>final.bin</c>
/// (the final model's logit on every windowed row, for the ONNX agreement check), <c>lstm.onnx</c>,
/// <c>lstm.weights</c> (TorchSharp) and <c>trainer.json</c> (timings, losses, memory) out.
/// </summary>
public static class LstmExchange
{
    public const string JobFile = "job.bin", OutOfFoldFile = "oof.bin", FinalFile = "final.bin", OnnxFile = "lstm.onnx",
        WeightsFile = "lstm.weights", ReportFile = "trainer.json";

    private const string Magic = "TBLSTM01";

    public static void WriteJob(LstmJob job, string path)
    {
        using var w = new BinaryWriter(File.Create(path));
        w.Write(Magic.ToCharArray());
        var s = job.Settings;
        w.Write(job.Rows.Length); w.Write(job.FeatureCount); w.Write(job.Seed);
        w.Write(s.Window); w.Write(s.Epochs); w.Write(s.BatchSize); w.Write(s.LearningRate); w.Write(s.Hidden1); w.Write(s.Hidden2); w.Write(s.Dropout);
        w.Write(job.Folds.Count);
        foreach (var f in job.Folds) { w.Write(f.TrainEnd); w.Write(f.TestStart); w.Write(f.TestEnd); }
        foreach (var row in job.Rows) foreach (var v in row) w.Write(v);
        foreach (var l in job.Labels) w.Write(l);
        foreach (var r in job.WindowReady) w.Write(r);
    }

    public static LstmJob ReadJob(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        if (new string(r.ReadChars(Magic.Length)) != Magic) throw new InvalidDataException($"{path} is not an LSTM job file");
        int rows = r.ReadInt32(), width = r.ReadInt32(), seed = r.ReadInt32();
        var settings = new LstmSettings(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadInt32(), r.ReadInt32(), r.ReadDouble());
        var folds = new LstmFold[r.ReadInt32()];
        for (int i = 0; i < folds.Length; i++) folds[i] = new LstmFold(r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
        var features = new float[rows][];
        for (int i = 0; i < rows; i++)
        {
            features[i] = new float[width];
            for (int j = 0; j < width; j++) features[i][j] = r.ReadSingle();
        }
        var labels = new bool[rows];
        for (int i = 0; i < rows; i++) labels[i] = r.ReadBoolean();
        var ready = new bool[rows];
        for (int i = 0; i < rows; i++) ready[i] = r.ReadBoolean();
        return new LstmJob(settings, seed, features, labels, ready, folds);
    }

    public static void WriteScores(double[] scores, string path)
    {
        using var w = new BinaryWriter(File.Create(path));
        w.Write(scores.Length);
        foreach (var s in scores) w.Write(s);
    }

    public static double[] ReadScores(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        var scores = new double[r.ReadInt32()];
        for (int i = 0; i < scores.Length; i++) scores[i] = r.ReadDouble();
        return scores;
    }
}
