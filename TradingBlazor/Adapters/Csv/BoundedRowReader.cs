using System.Buffers;
using System.Globalization;

namespace TradingBlazor.Adapters.Csv;

/// <summary>
/// Passes a CSV's text through and refuses, with a <see cref="FormatException"/>, any row longer than a limit. Sep grows
/// its buffer until a whole row fits (up to 16 M chars, then it throws), so without this a file with no line breaks,
/// or one unclosed quote, would be buffered whole. Quotes are followed as Sep follows them (every '"' toggles), so a line
/// break inside quotes does not end the row. The inner reader stays open: its owner disposes it.
/// </summary>
internal sealed class BoundedRowReader(TextReader inner, int maxRowLength) : TextReader
{
    private static readonly SearchValues<char> RowSyntax = SearchValues.Create("\"\r\n");

    private int _rowLength;
    private bool _inQuotes;
    private bool _afterCarriageReturn;
    private int _line = 1;
    private int _rowStartLine = 1;

    public override int Read(Span<char> buffer)
    {
        int count = inner.Read(buffer);
        Follow(buffer[..count]);
        return count;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Peek() => inner.Peek();

    private void Follow(ReadOnlySpan<char> chars)
    {
        while (true)
        {
            int next = chars.IndexOfAny(RowSyntax);
            int plain = next < 0 ? chars.Length : next;
            if (plain > 0) _afterCarriageReturn = false;
            _rowLength += plain;
            if (_rowLength > maxRowLength)
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"line {_rowStartLine} is longer than {maxRowLength:N0} characters (no line break, or an unclosed quote): not a CSV of bars"));
            if (next < 0) return;

            char c = chars[next];
            chars = chars[(next + 1)..];
            if (c == '"')
            {
                _inQuotes = !_inQuotes;
                _afterCarriageReturn = false;
                _rowLength++;
                continue;
            }
            // \r\n is one line break; \r or \n alone is one too (Sep counts them the same way).
            if (!(c == '\n' && _afterCarriageReturn)) _line++;
            _afterCarriageReturn = c == '\r';
            if (_inQuotes)
            {
                _rowLength++;
            }
            else
            {
                _rowLength = 0;
                _rowStartLine = _line;
            }
        }
    }
}
