using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingBlazor.Adapters.Alpaca;

/// <summary>
/// Alpaca's wire conventions: snake_case; decimals as strings (numbers accepted too); null for unset; RFC 3339
/// timestamps with up to 9 fractional digits and any offset; unknown fields ignored.
/// </summary>
public static class AlpacaJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new FlexibleDecimalConverter(), new NullableFlexibleDecimalConverter(), new Rfc3339Converter(), new NullableRfc3339Converter() },
    };

    /// <summary>Parses an RFC 3339 instant with any number of fractional digits (.NET keeps 7: the rest is truncated, not rounded).</summary>
    public static DateTime ParseTimestamp(string text)
    {
        int dot = text.IndexOf('.');
        if (dot >= 0)
        {
            int end = dot + 1;
            while (end < text.Length && char.IsDigit(text[end])) end++;
            if (end - dot - 1 > 7) text = text[..(dot + 8)] + text[end..];
        }
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None).UtcDateTime;
    }

    public static string FormatDecimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class FlexibleDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDecimal(),
            JsonTokenType.String => decimal.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new JsonException($"Expected a decimal, got {reader.TokenType}."),
        };

        // Requests send strings, as the docs recommend.
        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteStringValue(FormatDecimal(value));
    }

    private sealed class NullableFlexibleDecimalConverter : JsonConverter<decimal?>
    {
        private static readonly FlexibleDecimalConverter Inner = new();

        public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(decimal), options);

        public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
        {
            if (value is { } v) Inner.Write(writer, v, options);
            else writer.WriteNullValue();
        }
    }

    private sealed class Rfc3339Converter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ParseTimestamp(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }

    private sealed class NullableRfc3339Converter : JsonConverter<DateTime?>
    {
        private static readonly Rfc3339Converter Inner = new();

        public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(DateTime), options);

        public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
        {
            if (value is { } v) Inner.Write(writer, v, options);
            else writer.WriteNullValue();
        }
    }
}
