using Microsoft.ML.OnnxRuntime;
using TradingBlazor.Domain.ML;

namespace TradingBlazor.Engine.ML;

/// <summary>
/// The LSTM as served: the trainer's ONNX graph in ONNX Runtime (one thread; libtorch never loads in the app), its
/// logit mapped to a probability by a Platt calibrator fitted on out-of-fold logits. Reads a window of
/// <see cref="Window"/> feature vectors. Not thread-safe (one input buffer per instance): one per bot.
/// </summary>
public sealed class LstmModel : IDirectionModel, IDisposable
{
    private static readonly string[] Inputs = ["windows"], Outputs = ["logit"];
    private readonly InferenceSession _session;
    private readonly int _width;
    private readonly float[] _one, _oneLogit = new float[1];
    // One window's input and output, bound once to their buffers: a prediction allocates nothing.
    private readonly OrtValue _oneInput, _oneOutput;
    private readonly RunOptions _run = new();

    private LstmModel(byte[] onnx, int window, int width, PlattCalibrator calibrator)
    {
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _session = new InferenceSession(onnx, options);
        Onnx = onnx;
        Window = window;
        _width = width;
        _one = new float[window * width];
        Calibrator = calibrator;
        var shape = _session.InputMetadata.TryGetValue(Inputs[0], out var input) ? input.Dimensions : null;
        if (shape is not [_, var w, var f] || w != window || f != width)
        {
            _session.Dispose();
            throw new InvalidDataException($"the ONNX graph's input is not [batch, {window}, {width}]");
        }
        _oneInput = OrtValue.CreateTensorValueFromMemory(_one, [1, window, width]);
        _oneOutput = OrtValue.CreateTensorValueFromMemory(_oneLogit, [1, 1]);
    }

    public ModelKind Kind => ModelKind.Lstm;
    public int Window { get; }
    public byte[] Onnx { get; }
    public PlattCalibrator Calibrator { get; }

    public static LstmModel FromOnnx(byte[] onnx, int window, int width, PlattCalibrator calibrator) => new(onnx, window, width, calibrator);

    public static LstmModel Load(string path, int window, int width, PlattCalibrator calibrator) => new(File.ReadAllBytes(path), window, width, calibrator);

    public LstmModel WithCalibrator(PlattCalibrator calibrator) => new(Onnx, Window, _width, calibrator);

    /// <summary>The network's logit for one window (oldest vector first), before calibration.</summary>
    public double RawScore(ReadOnlySpan<float> window)
    {
        window[.._one.Length].CopyTo(_one);
        _session.Run(_run, Inputs, [_oneInput], Outputs, [_oneOutput]);
        return _oneLogit[0];
    }

    /// <summary>Logits for <paramref name="count"/> windows laid end to end in <paramref name="windows"/>.</summary>
    public float[] RawScores(float[] windows, int count)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(windows, [count, Window, _width]);
        using var outputs = _session.Run(_run, Inputs, [input], Outputs);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Row r's window from a feature table: rows r − W + 1..r.</summary>
    public float[] WindowOf(float[][] rows, int row)
    {
        var values = new float[Window * _width];
        for (int t = 0; t < Window; t++) rows[row - Window + 1 + t].CopyTo(values, t * _width);
        return values;
    }

    public double Probability(ReadOnlySpan<float> features) => Calibrator.Probability(RawScore(features));

    public void Dispose()
    {
        _oneInput.Dispose();
        _oneOutput.Dispose();
        _run.Dispose();
        _session.Dispose();
    }
}
