using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TradingBlazor.LstmTrainer;

/// <summary>
/// (x − mean) / std → LSTM(hidden1) → dropout → LSTM(hidden2), last step → dropout → linear → logit. The sigmoid is
/// the loss's (training) and the ONNX graph's (serving); dropout is off in eval mode.
/// </summary>
public sealed class DirectionLstm : nn.Module<Tensor, Tensor>
{
    private readonly LSTM first, second;
    private readonly Dropout firstDropout, secondDropout;
    private readonly Linear head;
    private readonly Tensor mean, std;

    public DirectionLstm(int features, int hidden1, int hidden2, double dropout, float[] featureMean, float[] featureStd) : base(nameof(DirectionLstm))
    {
        first = nn.LSTM(features, hidden1, batchFirst: true);
        second = nn.LSTM(hidden1, hidden2, batchFirst: true);
        firstDropout = nn.Dropout(dropout);
        secondDropout = nn.Dropout(dropout);
        head = nn.Linear(hidden2, 1);
        mean = tensor(featureMean);
        std = tensor(featureStd);
        register_buffer(nameof(mean), mean);
        register_buffer(nameof(std), std);
        RegisterComponents();
    }

    public int Hidden1 => (int)Parameter(first, "weight_hh_l0").shape[1];
    public int Hidden2 => (int)Parameter(second, "weight_hh_l0").shape[1];

    private static Tensor Parameter(nn.Module module, string name) =>
        module.get_parameter(name) ?? throw new InvalidOperationException($"{module.GetName()} has no parameter {name}");

    public override Tensor forward(Tensor windows)
    {
        var x = (windows - mean) / std;
        var (y1, _, _) = first.call(x);
        var (y2, _, _) = second.call(firstDropout.call(y1));
        var last = y2.select(1, -1);
        return head.call(secondDropout.call(last)).squeeze(-1);
    }

    /// <summary>The weights the ONNX graph needs, as float arrays in PyTorch's layout.</summary>
    public LstmWeights Export()
    {
        static float[] Values(Tensor t) => t.detach().contiguous().data<float>().ToArray();
        LayerWeights Layer(LSTM l) => new(Values(Parameter(l, "weight_ih_l0")), Values(Parameter(l, "weight_hh_l0")),
            Values(Parameter(l, "bias_ih_l0")), Values(Parameter(l, "bias_hh_l0")));
        return new LstmWeights(Values(mean), Values(std), Layer(first), Hidden1, Layer(second), Hidden2,
            Values(Parameter(head, "weight")), Values(Parameter(head, "bias"))[0]);
    }
}

/// <summary>One LSTM layer in PyTorch's layout: gate blocks i, f, g, o of <c>hidden</c> rows each.</summary>
public sealed record LayerWeights(float[] InputWeights, float[] RecurrentWeights, float[] InputBias, float[] RecurrentBias);

public sealed record LstmWeights(float[] Mean, float[] Std, LayerWeights First, int Hidden1, LayerWeights Second, int Hidden2, float[] Dense, float DenseBias);
