using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TradingBlazor.Tests.BadInput;

/// <summary>An API route and method, as the app's endpoint data source lists it.</summary>
public sealed record ApiRoute(string Method, string Pattern);

/// <summary>
/// One malformed request, made from a valid body for its route by a seeded <see cref="Random"/>: wrong types, nulls, huge
/// numbers, NaN strings, lone surrogates, deep nesting, huge strings, broken JSON, bad content types and bad query values.
/// </summary>
public sealed partial record FuzzRequest(string Method, string Url, byte[]? Body, string? ContentType, string Mutation)
{
    private const string Token = "RAWVALUE";

    // Raw JSON the tree cannot hold (escapes, literals past double, nesting past any limit), spliced in as text.
    private static readonly string[] RawValues =
    {
        "null", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e999", "-1e999", "1E+308", "4.9e-324", "-0",
        "123456789012345678901234567890", "9223372036854775808", "2147483648", "-2147483649", "0", "-1", "1.5",
        "\"\\ud800\"", "\"x\\udfff\"", "\"\\u0000\"", "true", "false", "\"\"", "\"   \"", "\"5\"", "\"abc\"", "[]", "{}", "[null]",
        "\"2024-02-30\"", "\"9999-12-31\"", "\"0001-01-01\"", "\"9999-12-31T23:59:59.9999999Z\"", "\"same_close\"", "\"store\"", "\"all_in\"",
        "\"sma_10 crosses_above\"", "\"((((((\"", "{\"for_bars\":\"3\",\"rule\":\"close > 1\"}", "{\"all\":[]}", "{\"not\":{\"not\":5}}",
        new string('[', 5000) + new string(']', 5000), Nested(200), "\"" + new string('x', 3000) + "\"", "\"" + new string('-', 2500) + "close\"",
    };

    private static readonly string[] ContentTypes =
    {
        "application/json; charset=bogus", "application/json; charset=utf-16", "application/json; charset=\"", "text/plain",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "garbage;;;", "*/*", "",
    };

    private static readonly string[] QueryNames = { "n", "at", "from", "to", "bot", "symbol", "flatten", "paper", "status", "id" };

    private static readonly string[] QueryValues =
    {
        "abc", "-1", "0", "1", "1e5", "99999999999999999999", "9999-12-31", "9999-12-31T23:59:59.9999999Z", "0001-01-01", "NaN", "",
        "%00", "%ff", "%ED%A0%80", new string('9', 5000), "true", "TRUE", "2024-02-30", "2024-01-01", "all", "pending", "%20", "+",
        "2025-03-12T14:30:00+05:00", "..%2F..%2Fetc%2Fpasswd", "<script>", "1&n=2",
    };

    private static readonly string[] RouteValues =
    {
        "1", "2", "3", "0", "-1", "9223372036854775807", "99999999999999999999", "abc", "%00", "1.5", "%ED%A0%80",
    };

    public static FuzzRequest Create(Random random, ApiRoute route, string? validBody)
    {
        var url = Route().Replace(route.Pattern, m => m.Value.Contains("**") ? Pick(random, new[] { "x", "a/b", "%2e%2e", "1/2/3" }) : Pick(random, RouteValues));
        var mutations = new List<string>();
        if (random.NextDouble() < 0.6) url += Query(random, mutations);

        byte[]? body = null;
        string? contentType = null;
        bool sendsBody = route.Method is "POST" or "PUT" or "PATCH" or "DELETE" ? random.NextDouble() < 0.85 : random.NextDouble() < 0.15;
        if (sendsBody)
        {
            body = MakeBody(random, validBody ?? "{}", mutations);
            contentType = random.NextDouble() < 0.75 ? "application/json" : Pick(random, ContentTypes);
            if (contentType != "application/json") mutations.Add($"content-type '{contentType}'");
        }
        return new FuzzRequest(route.Method, url, body, contentType, mutations.Count == 0 ? "valid" : string.Join("; ", mutations));
    }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is null) return message;
        message.Content = new ByteArrayContent(Body);
        if (ContentType is { Length: > 0 }) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return message;
    }

    private static string Query(Random random, List<string> mutations)
    {
        var parts = Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"{Pick(random, QueryNames)}={Pick(random, QueryValues)}").ToList();
        var query = "?" + string.Join("&", parts);
        mutations.Add("query " + Shorten(query));
        return query;
    }

    private static byte[] MakeBody(Random random, string valid, List<string> mutations)
    {
        double roll = random.NextDouble();
        if (roll < 0.05) return Encoding.UTF8.GetBytes(valid);
        if (roll < 0.70) return Encoding.UTF8.GetBytes(MutateTree(random, valid, mutations));
        var bytes = Encoding.UTF8.GetBytes(valid);
        switch (random.Next(8))
        {
            case 0:
                mutations.Add("truncated");
                return bytes[..random.Next(bytes.Length)];
            case 1:
                mutations.Add("a random byte");
                var flipped = (byte[])bytes.Clone();
                flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                return flipped;
            case 2:
                mutations.Add("invalid UTF-8");
                return bytes.Take(bytes.Length / 2).Concat(new byte[] { 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xFF }).Concat(bytes.Skip(bytes.Length / 2)).ToArray();
            case 3:
                mutations.Add("empty");
                return Array.Empty<byte>();
            case 4:
                var root = Pick(random, new[] { "null", "[]", "5", "\"text\"", "not json", "{\"a\":1,\"a\":2}", "\uFEFF" + valid });
                mutations.Add("root " + Shorten(root));
                return Encoding.UTF8.GetBytes(root);
            case 5:
                mutations.Add("70 KB body");
                return Encoding.UTF8.GetBytes(valid.TrimEnd().TrimEnd('}') + ", \"pad\": \"" + new string('p', 70_000) + "\" }");
            case 6:
                mutations.Add("deep nesting");
                return Encoding.UTF8.GetBytes(new string('[', 20_000) + new string(']', 20_000));
            default:
                mutations.Add("control characters");
                return Encoding.UTF8.GetBytes(valid.Insert(random.Next(valid.Length), "\u0001\u0002\u001f"));
        }
    }

    /// <summary>Changes one to three places in the document: a value replaced, a member removed or an unknown one added.</summary>
    private static string MutateTree(Random random, string valid, List<string> mutations)
    {
        var root = JsonNode.Parse(valid)!;
        var splices = new List<(string Placeholder, string Raw)>();
        JsonValue Splice(string raw)
        {
            var placeholder = $"{Token}{splices.Count}{Token}";
            splices.Add(($"\"{placeholder}\"", raw));
            return JsonValue.Create(placeholder);
        }
        for (int c = random.Next(1, 4); c > 0; c--)
        {
            var nodes = new List<JsonNode> { root };
            Collect(root, nodes);
            var target = Pick(random, nodes);
            var raw = Pick(random, RawValues);
            switch (random.Next(4))
            {
                case 0 when target.Parent is JsonObject parent:
                    mutations.Add($"removed {target.GetPath()}");
                    parent.Remove(target.GetPropertyName());
                    continue;
                case 1 when target is JsonObject obj:
                    var name = Pick(random, new[] { "zzz", "\\ud800", "", "config", "rule" });
                    obj[Splice($"\"{name}\"").GetValue<string>()] = Splice(raw);
                    mutations.Add($"added {target.GetPath()}.{name} = {Shorten(raw)}");
                    continue;
            }
            mutations.Add($"{target.GetPath()} = {Shorten(raw)}");
            if (target.Parent is JsonObject o) o[target.GetPropertyName()] = Splice(raw);
            else if (target.Parent is JsonArray a) a[target.GetElementIndex()] = Splice(raw);
            else return raw;
        }
        var text = root.ToJsonString();
        foreach (var (placeholder, spliced) in splices) text = text.Replace(placeholder, spliced);
        return text;
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => Enumerable.Empty<JsonNode?>(),
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            into.Add(child);
            Collect(child, into);
        }
    }

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Route();
}
