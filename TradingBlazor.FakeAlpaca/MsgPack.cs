using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TradingBlazor.Fakes;

/// <summary>
/// Just enough MessagePack for Alpaca's market-data stream (asked for with Content-Type: application/msgpack, as the
/// official JS SDK and alpaca-py do): JSON documents to MessagePack, with every "t" field sent as the timestamp extension
/// (type -1, nanosecond precision) the way Alpaca sends it; and MessagePack client messages back to JSON.
/// </summary>
public static class MsgPack
{
    public static byte[] FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var output = new MemoryStream();
        Write(output, doc.RootElement, null);
        return output.ToArray();
    }

    private static void Write(MemoryStream o, JsonElement e, string? key)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var props = e.EnumerateObject().ToList();
                Header(o, props.Count, 0x80, 0xde);
                foreach (var p in props)
                {
                    WriteString(o, p.Name);
                    Write(o, p.Value, p.Name);
                }
                break;
            case JsonValueKind.Array:
                Header(o, e.GetArrayLength(), 0x90, 0xdc);
                foreach (var item in e.EnumerateArray()) Write(o, item, null);
                break;
            case JsonValueKind.String when key == "t":
                WriteTimestamp(o, e.GetString()!);
                break;
            case JsonValueKind.String:
                WriteString(o, e.GetString()!);
                break;
            case JsonValueKind.Number when e.TryGetInt64(out var n):
                o.WriteByte(0xd3);
                Span<byte> i64 = stackalloc byte[8];
                BinaryPrimitives.WriteInt64BigEndian(i64, n);
                o.Write(i64);
                break;
            case JsonValueKind.Number:
                o.WriteByte(0xcb);
                Span<byte> f64 = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(f64, e.GetDouble());
                o.Write(f64);
                break;
            case JsonValueKind.True: o.WriteByte(0xc3); break;
            case JsonValueKind.False: o.WriteByte(0xc2); break;
            default: o.WriteByte(0xc0); break;
        }
    }

    // fixmap/fixarray up to 15 entries, else map16/array16.
    private static void Header(MemoryStream o, int count, byte fix, byte wide)
    {
        if (count < 16) { o.WriteByte((byte)(fix | count)); return; }
        o.WriteByte(wide);
        o.WriteByte((byte)(count >> 8));
        o.WriteByte((byte)count);
    }

    private static void WriteString(MemoryStream o, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        if (bytes.Length < 32) o.WriteByte((byte)(0xa0 | bytes.Length));
        else { o.WriteByte(0xda); o.WriteByte((byte)(bytes.Length >> 8)); o.WriteByte((byte)bytes.Length); }
        o.Write(bytes);
    }

    // timestamp 96: ext8, 12 bytes, type -1: uint32 nanoseconds then int64 seconds.
    private static void WriteTimestamp(MemoryStream o, string rfc3339)
    {
        long seconds = (TradingBlazor.Adapters.Alpaca.AlpacaJson.ParseTimestamp(rfc3339) - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond;
        int dot = rfc3339.IndexOf('.');
        uint nanos = 0;
        if (dot > 0)
        {
            var digits = new string(rfc3339[(dot + 1)..].TakeWhile(char.IsDigit).ToArray()).PadRight(9, '0')[..9];
            nanos = uint.Parse(digits, CultureInfo.InvariantCulture);
        }
        Span<byte> body = stackalloc byte[15];
        body[0] = 0xc7;
        body[1] = 12;
        body[2] = 0xff;
        BinaryPrimitives.WriteUInt32BigEndian(body[3..], nanos);
        BinaryPrimitives.WriteInt64BigEndian(body[7..], seconds);
        o.Write(body);
    }

    /// <summary>A client message (maps, arrays, strings, numbers, booleans, nil) as a JSON element.</summary>
    public static JsonElement ToJson(ReadOnlySpan<byte> data)
    {
        int at = 0;
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) Read(data, ref at, json);
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static void Read(ReadOnlySpan<byte> d, ref int at, Utf8JsonWriter w)
    {
        byte b = d[at++];
        if (b <= 0x7f) { w.WriteNumberValue(b); return; }
        if (b >= 0xe0) { w.WriteNumberValue((sbyte)b); return; }
        if ((b & 0xf0) == 0x80) { ReadMap(d, ref at, w, b & 0x0f); return; }
        if ((b & 0xf0) == 0x90) { ReadArray(d, ref at, w, b & 0x0f); return; }
        if ((b & 0xe0) == 0xa0) { w.WriteStringValue(Str(d, ref at, b & 0x1f)); return; }
        switch (b)
        {
            case 0xc0: w.WriteNullValue(); return;
            case 0xc2: w.WriteBooleanValue(false); return;
            case 0xc3: w.WriteBooleanValue(true); return;
            case 0xd9: w.WriteStringValue(Str(d, ref at, d[at++])); return;
            case 0xda: { int n = BinaryPrimitives.ReadUInt16BigEndian(d[at..]); at += 2; w.WriteStringValue(Str(d, ref at, n)); return; }
            case 0xdb: { int n = (int)BinaryPrimitives.ReadUInt32BigEndian(d[at..]); at += 4; w.WriteStringValue(Str(d, ref at, n)); return; }
            case 0xdc: { int n = BinaryPrimitives.ReadUInt16BigEndian(d[at..]); at += 2; ReadArray(d, ref at, w, n); return; }
            case 0xde: { int n = BinaryPrimitives.ReadUInt16BigEndian(d[at..]); at += 2; ReadMap(d, ref at, w, n); return; }
            case 0xcc: w.WriteNumberValue(d[at++]); return;
            case 0xcd: w.WriteNumberValue(BinaryPrimitives.ReadUInt16BigEndian(d[at..])); at += 2; return;
            case 0xce: w.WriteNumberValue(BinaryPrimitives.ReadUInt32BigEndian(d[at..])); at += 4; return;
            case 0xcf: w.WriteNumberValue(BinaryPrimitives.ReadUInt64BigEndian(d[at..])); at += 8; return;
            case 0xd0: w.WriteNumberValue((sbyte)d[at++]); return;
            case 0xd1: w.WriteNumberValue(BinaryPrimitives.ReadInt16BigEndian(d[at..])); at += 2; return;
            case 0xd2: w.WriteNumberValue(BinaryPrimitives.ReadInt32BigEndian(d[at..])); at += 4; return;
            case 0xd3: w.WriteNumberValue(BinaryPrimitives.ReadInt64BigEndian(d[at..])); at += 8; return;
            case 0xca: w.WriteNumberValue(BinaryPrimitives.ReadSingleBigEndian(d[at..])); at += 4; return;
            case 0xcb: w.WriteNumberValue(BinaryPrimitives.ReadDoubleBigEndian(d[at..])); at += 8; return;
            default: throw new JsonException($"unsupported MessagePack type 0x{b:x2}");
        }
    }

    private static void ReadMap(ReadOnlySpan<byte> d, ref int at, Utf8JsonWriter w, int count)
    {
        w.WriteStartObject();
        for (int i = 0; i < count; i++)
        {
            w.WritePropertyName(Key(d, ref at));
            Read(d, ref at, w);
        }
        w.WriteEndObject();
    }

    private static void ReadArray(ReadOnlySpan<byte> d, ref int at, Utf8JsonWriter w, int count)
    {
        w.WriteStartArray();
        for (int i = 0; i < count; i++) Read(d, ref at, w);
        w.WriteEndArray();
    }

    private static string Str(ReadOnlySpan<byte> d, ref int at, int length)
    {
        var s = Encoding.UTF8.GetString(d.Slice(at, length));
        at += length;
        return s;
    }

    // Map keys are strings in everything Alpaca's clients send.
    private static string Key(ReadOnlySpan<byte> d, ref int at)
    {
        byte b = d[at++];
        int length = (b & 0xe0) == 0xa0 ? b & 0x1f : b == 0xd9 ? d[at++] : throw new JsonException("map keys must be strings");
        return Str(d, ref at, length);
    }
}
