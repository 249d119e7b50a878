namespace TradingBlazor.Domain.ML.Features;

/// <summary>
/// A symbol's last feature vectors, oldest first, for models that read a sequence (the LSTM). A bar whose features
/// are not ready empties it: a window always holds consecutive bars, as the training windows do.
/// </summary>
public sealed class FeatureWindow(int capacity, int width)
{
    private readonly float[] _values = new float[Math.Max(1, capacity) * width];

    public int Capacity { get; } = Math.Max(1, capacity);
    public int Count { get; private set; }

    public void Push(ReadOnlySpan<float> features)
    {
        _values.AsSpan(width).CopyTo(_values); // shift one vector out (a few hundred floats: cheaper than a ring's copies)
        features[..width].CopyTo(_values.AsSpan(_values.Length - width));
        Count = Math.Min(Capacity, Count + 1);
    }

    public void Clear() => Count = 0;

    /// <summary>The last <paramref name="rows"/> vectors, oldest first, concatenated.</summary>
    public ReadOnlySpan<float> Last(int rows) => rows <= Count
        ? _values.AsSpan(_values.Length - rows * width)
        : throw new InvalidOperationException($"{rows} vectors asked, {Count} held");
}
