using System.Globalization;
using System.Text.Json;

namespace TradingBlazor.Domain.Strategies.Rules;

/// <summary>A rule that cannot be compiled, with the config path of the offending rule and, in an expression, where (0-based).</summary>
public sealed class RuleParseException(string path, string message, int? position = null) : Exception($"{path}: {message}")
{
    public string Path { get; } = path;
    public string Problem { get; } = message;
    /// <summary>The character of the expression where the problem is (its length: at the end); null for rule objects.</summary>
    public int? Position { get; } = position;
}

/// <summary>
/// Compiles rules. A rule is a string such as <c>rsi_14 &lt; 30</c>, <c>sma_10 crosses_above sma_30</c>,
/// <c>volume &gt; 1.5 * volume_sma_20 and atr_14 / close * 100 between 0.5 and 3</c> (operators: &lt; &lt;= &gt; &gt;= == !=,
/// crosses_above, crosses_below, between … and …, and/or/not, + - * / and parentheses), or a JSON object:
/// <c>{"all": [...]}</c>, <c>{"any": [...]}</c>, <c>{"not": rule}</c>, <c>{"for_bars": 3, "rule": rule}</c>.
/// </summary>
public static class RuleParser
{
    /// <summary>Longest rule expression (characters): a rule is a line a trader writes, not a document.</summary>
    public const int MaxLength = 2_000;
    /// <summary>Deepest nesting of parentheses, unary minus, not, and rule objects: parsing and evaluation recurse.</summary>
    public const int MaxDepth = 64;

    public static RuleNode Compile(JsonElement rule, RuleVariables variables, string path)
    {
        try
        {
            return Compile(rule, variables, path, 0);
        }
        catch (InvalidOperationException)
        {
            // Reading a string or key with an escaped lone surrogate ("\ud800"): not text a rule can hold.
            throw new RuleParseException(path, "is not valid text (it holds an unpaired UTF-16 surrogate).");
        }
    }

    private static RuleNode Compile(JsonElement rule, RuleVariables variables, string path, int depth)
    {
        if (depth > MaxDepth) throw new RuleParseException(path, $"rules nest deeper than {MaxDepth} levels.");
        switch (rule.ValueKind)
        {
            case JsonValueKind.String:
                return Parse(rule.GetString()!, variables, path);
            case JsonValueKind.Object:
                var properties = rule.EnumerateObject().ToList();
                if (rule.TryGetProperty("all", out var all)) return new AllRule(Children(all, variables, path + ".all", depth));
                if (rule.TryGetProperty("any", out var any)) return new AnyRule(Children(any, variables, path + ".any", depth));
                if (rule.TryGetProperty("not", out var not)) return new NotRule(Compile(not, variables, path + ".not", depth + 1));
                if (rule.TryGetProperty("for_bars", out var bars))
                {
                    if (bars.ValueKind != JsonValueKind.Number || !bars.TryGetInt32(out int n) || n < 1) throw new RuleParseException(path + ".for_bars", "must be a whole number of at least 1.");
                    if (!rule.TryGetProperty("rule", out var inner)) throw new RuleParseException(path, "for_bars needs a \"rule\".");
                    return new ForBarsRule(n, Compile(inner, variables, path + ".rule", depth + 1));
                }
                throw new RuleParseException(path, $"unknown rule object with keys {string.Join(", ", properties.Select(p => p.Name))}; use all, any, not or for_bars.");
            default:
                throw new RuleParseException(path, "a rule must be a string expression or an object (all, any, not, for_bars).");
        }
    }

    private static List<RuleNode> Children(JsonElement array, RuleVariables variables, string path, int depth)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            throw new RuleParseException(path, "must be a non-empty array of rules.");
        return array.EnumerateArray().Select((r, i) => Compile(r, variables, $"{path}[{i}]", depth + 1)).ToList();
    }

    public static RuleNode Parse(string text, RuleVariables variables, string path = "rule")
    {
        if (text.Length > MaxLength) throw new RuleParseException(path, $"is {text.Length:N0} characters long; a rule may have at most {MaxLength:N0}.");
        var parser = new Parser(Tokenize(text, path), variables, path, text);
        var node = parser.ParseOr();
        parser.ExpectEnd();
        return node;
    }

    private static List<(string Text, int At)> Tokenize(string text, string path)
    {
        var tokens = new List<(string Text, int At)>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                int start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.')) i++;
                tokens.Add((text[start..i], start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.')) i++;
                tokens.Add((text[start..i].ToLowerInvariant(), start));
            }
            else if (i + 1 < text.Length && text.Substring(i, 2) is "<=" or ">=" or "==" or "!=")
            {
                tokens.Add((text.Substring(i, 2), i));
                i += 2;
            }
            else if ("<>+-*/()".Contains(c))
            {
                tokens.Add((c.ToString(), i));
                i++;
            }
            else throw new RuleParseException(path, $"unexpected character '{c}' in \"{text}\".", i);
        }
        return tokens;
    }

    private sealed class Parser(List<(string Text, int At)> tokens, RuleVariables variables, string path, string text)
    {
        private static readonly HashSet<string> Comparators = new() { "<", "<=", ">", ">=", "==", "!=" };
        private int _pos;
        private int _depth;

        // Each nested level recurses once more; a limit keeps a hostile rule from overflowing the stack.
        private void Deeper()
        {
            if (++_depth > MaxDepth) throw new RuleParseException(path, $"nests deeper than {MaxDepth} levels (parentheses, minus signs, not).");
        }

        private string? Peek => _pos < tokens.Count ? tokens[_pos].Text : null;

        // Where token `index` starts; past the last token, the end of the text.
        private int At(int index) => index < tokens.Count ? tokens[index].At : text.Length;

        /// <summary>A problem at the next token, or at <paramref name="token"/> (one already read).</summary>
        private RuleParseException Error(string message, int? token = null) => new(path, $"{message} in \"{text}\".", At(token ?? _pos));

        public void ExpectEnd()
        {
            if (Peek is { } extra) throw Error($"unexpected '{extra}'");
        }

        public RuleNode ParseOr()
        {
            var parts = new List<RuleNode> { ParseAnd() };
            while (Peek == "or") { _pos++; parts.Add(ParseAnd()); }
            return parts.Count == 1 ? parts[0] : new AnyRule(parts);
        }

        private RuleNode ParseAnd()
        {
            var parts = new List<RuleNode> { ParseNot() };
            while (Peek == "and") { _pos++; parts.Add(ParseNot()); }
            return parts.Count == 1 ? parts[0] : new AllRule(parts);
        }

        private RuleNode ParseNot()
        {
            if (Peek != "not") return ParsePredicate();
            _pos++;
            Deeper();
            var inner = new NotRule(ParseNot());
            _depth--;
            return inner;
        }

        private RuleNode ParsePredicate()
        {
            var left = ParseSum();
            var op = Peek ?? throw Error("expected a comparison after the value");
            _pos++;
            if (Comparators.Contains(op)) return new ComparisonRule(left, op, ParseSum());
            if (op is "crosses_above" or "crosses_below") return new CrossRule(left, ParseSum(), op == "crosses_above");
            if (op == "between")
            {
                var low = ParseSum();
                if (Peek != "and") throw Error("expected 'and' in 'between … and …'");
                _pos++;
                return new BetweenRule(left, low, ParseSum());
            }
            throw Error($"expected a comparison (<, <=, >, >=, ==, !=, crosses_above, crosses_below, between) but found '{op}'", _pos - 1);
        }

        private ValueExpression ParseSum()
        {
            var left = ParseProduct();
            while (Peek is "+" or "-")
            {
                char op = Peek![0];
                _pos++;
                left = new BinaryExpression(op, left, ParseProduct());
            }
            return left;
        }

        private ValueExpression ParseProduct()
        {
            var left = ParseUnary();
            while (Peek is "*" or "/")
            {
                char op = Peek![0];
                _pos++;
                left = new BinaryExpression(op, left, ParseUnary());
            }
            return left;
        }

        private ValueExpression ParseUnary()
        {
            if (Peek == "-")
            {
                _pos++;
                Deeper();
                var negated = new BinaryExpression('-', new ConstantExpression(0), ParseUnary());
                _depth--;
                return negated;
            }
            return ParseAtom();
        }

        private ValueExpression ParseAtom()
        {
            var token = Peek ?? throw Error("expected a value");
            _pos++;
            if (token == "(")
            {
                Deeper();
                var inner = ParseSum();
                if (Peek != ")") throw Error("expected ')'");
                _pos++;
                _depth--;
                return inner;
            }
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return new ConstantExpression(number);
            if (variables.TryGetSlot(token, out int slot)) return new VariableExpression(slot);
            throw new RuleParseException(path, $"unknown variable '{token}' in \"{text}\"; known: {string.Join(", ", variables.Names.OrderBy(n => n))}.", At(_pos - 1));
        }
    }
}
