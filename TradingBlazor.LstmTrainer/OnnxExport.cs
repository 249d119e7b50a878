using System.Runtime.InteropServices;

namespace TradingBlazor.LstmTrainer;

/// <summary>
/// Writes the trained network as an ONNX graph (opset 17): windows [batch, W, F] → (x − mean) / std → transpose to
/// [W, batch, F] → LSTM → squeeze → LSTM (its last hidden state) → squeeze → Gemm → outputs <c>logit</c> and
/// <c>probability</c> (Sigmoid). Dropout is absent (inference). ONNX orders an LSTM's gates i, o, f, c; PyTorch
/// i, f, g, o — the blocks are reordered, and ONNX's bias is PyTorch's input bias then recurrent bias.
/// Field numbers are those of onnx.proto3.
/// </summary>
public static class OnnxExport
{
    public const string Input = "windows", Logit = "logit", Probability = "probability";
    private const int FloatType = 1, Int64Type = 7;
    private const int AttributeInt = 2, AttributeInts = 7;
    private static readonly int[] OnnxGateFromTorch = [0, 3, 1, 2];

    public static byte[] Write(LstmWeights w, int window)
    {
        int features = w.Mean.Length;
        var model = new ProtoWriter()
            .Varint(1, 8) // ir_version
            .String(2, "TradingBlazor.LstmTrainer")
            .Message(7, g => Graph(g, w, window, features))
            .Message(8, o => o.String(1, "").Varint(2, 17));
        return model.ToArray();
    }

    private static void Graph(ProtoWriter g, LstmWeights w, int window, int features)
    {
        Node(g, "Sub", [Input, "mean"], ["centred"]);
        Node(g, "Div", ["centred", "std"], ["scaled"]);
        Node(g, "Transpose", ["scaled"], ["steps"], a => Ints(a, "perm", [1, 0, 2]));
        Node(g, "LSTM", ["steps", "W1", "R1", "B1"], ["y1"], a => Int(a, "hidden_size", w.Hidden1));
        Node(g, "Squeeze", ["y1", "axis1"], ["sequence1"]);
        Node(g, "LSTM", ["sequence1", "W2", "R2", "B2"], ["", "h2"], a => Int(a, "hidden_size", w.Hidden2));
        Node(g, "Squeeze", ["h2", "axis0"], ["last"]);
        Node(g, "Gemm", ["last", "dense", "dense_bias"], [Logit], a => Int(a, "transB", 1));
        Node(g, "Sigmoid", [Logit], [Probability]);
        g.String(2, "direction_lstm");
        Tensor(g, "mean", [features], w.Mean);
        Tensor(g, "std", [features], w.Std);
        Layer(g, "1", w.First, w.Hidden1);
        Layer(g, "2", w.Second, w.Hidden2);
        Tensor(g, "dense", [1, w.Hidden2], w.Dense);
        Tensor(g, "dense_bias", [1], [w.DenseBias]);
        Axes(g, "axis0", 0);
        Axes(g, "axis1", 1);
        Value(g, 11, Input, ["batch", window.ToString(System.Globalization.CultureInfo.InvariantCulture), features.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Value(g, 12, Logit, ["batch", "1"]);
        Value(g, 12, Probability, ["batch", "1"]);
    }

    private static void Layer(ProtoWriter g, string n, LayerWeights l, int hidden)
    {
        int inputs = l.InputWeights.Length / (4 * hidden);
        Tensor(g, "W" + n, [1, 4 * hidden, inputs], Reorder(l.InputWeights, hidden));
        Tensor(g, "R" + n, [1, 4 * hidden, hidden], Reorder(l.RecurrentWeights, hidden));
        Tensor(g, "B" + n, [1, 8 * hidden], [.. Reorder(l.InputBias, hidden), .. Reorder(l.RecurrentBias, hidden)]);
    }

    /// <summary>PyTorch's gate blocks (i, f, g, o) in ONNX's order (i, o, f, c).</summary>
    public static float[] Reorder(float[] torchBlocks, int hidden)
    {
        int block = torchBlocks.Length / 4;
        if (block * 4 != torchBlocks.Length || block % hidden != 0) throw new ArgumentException("not four gate blocks", nameof(torchBlocks));
        var result = new float[torchBlocks.Length];
        for (int gate = 0; gate < 4; gate++)
            Array.Copy(torchBlocks, OnnxGateFromTorch[gate] * block, result, gate * block, block);
        return result;
    }

    private static void Node(ProtoWriter g, string op, string[] inputs, string[] outputs, Action<ProtoWriter>? attribute = null) =>
        g.Message(1, n =>
        {
            foreach (var i in inputs) n.String(1, i);
            foreach (var o in outputs) n.String(2, o);
            n.String(3, $"{op}_{outputs[^1]}").String(4, op);
            if (attribute is not null) n.Message(5, attribute);
        });

    private static void Int(ProtoWriter a, string name, long value) => a.String(1, name).Varint(3, value).Varint(20, AttributeInt);

    private static void Ints(ProtoWriter a, string name, long[] values)
    {
        a.String(1, name);
        foreach (var v in values) a.Varint(8, v);
        a.Varint(20, AttributeInts);
    }

    private static void Tensor(ProtoWriter g, string name, long[] dims, float[] values) => g.Message(5, t =>
    {
        foreach (var d in dims) t.Varint(1, d);
        t.Varint(2, FloatType).String(8, name).Bytes(9, MemoryMarshal.AsBytes(values.AsSpan()));
    });

    private static void Axes(ProtoWriter g, string name, long axis) => g.Message(5, t =>
        t.Varint(1, 1).Varint(2, Int64Type).String(8, name).Bytes(9, BitConverter.GetBytes(axis)));

    private static void Value(ProtoWriter g, int field, string name, string[] dims) => g.Message(field, v => v
        .String(1, name)
        .Message(2, type => type.Message(1, tensor => tensor
            .Varint(1, FloatType)
            .Message(2, shape =>
            {
                foreach (var d in dims)
                    shape.Message(1, dim =>
                    {
                        if (long.TryParse(d, out var size)) dim.Varint(1, size);
                        else dim.String(2, d);
                    });
            }))));
}
