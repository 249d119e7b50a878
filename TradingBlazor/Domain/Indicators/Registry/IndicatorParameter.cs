using System.Globalization;

namespace TradingBlazor.Domain.Indicators.Registry;

public enum ParameterType
{
    Integer,
    Number,
}

/// <summary>One typed indicator parameter with its default and allowed range (inclusive).</summary>
public sealed record IndicatorParameter(string Name, ParameterType Type, double Default, double Min, double Max, string Description)
{
    public static IndicatorParameter Period(string name, int @default, string description, int min = 1, int max = 1000) =>
        new(name, ParameterType.Integer, @default, min, max, description);

    public static IndicatorParameter Number(string name, double @default, double min, double max, string description) =>
        new(name, ParameterType.Number, @default, min, max, description);

    /// <summary>Null when the value is acceptable, else a message naming the parameter.</summary>
    public string? Check(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return $"{Name} must be a number.";
        if (Type == ParameterType.Integer && value != Math.Floor(value)) return $"{Name} must be a whole number (got {Format(value)}).";
        if (value < Min || value > Max) return $"{Name} must be between {Format(Min)} and {Format(Max)} (got {Format(value)}).";
        return null;
    }

    public static string Format(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
