using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace TradingBlazor.Infrastructure.Logging;

/// <summary>
/// The one gate in front of every log sink: rewrites any event whose template, properties or exception
/// carry a configured secret, so no sink can ever write one.
/// </summary>
public sealed class RedactingSink : ILogEventSink, IDisposable
{
    private static readonly MessageTemplateParser Parser = new();
    private readonly ILogEventSink _inner;
    private readonly SecretRedactor _redactor;

    public RedactingSink(ILogEventSink inner, SecretRedactor redactor)
    {
        _inner = inner;
        _redactor = redactor;
    }

    public void Dispose() => (_inner as IDisposable)?.Dispose();

    public void Emit(LogEvent logEvent) => _inner.Emit(_redactor.HasSecrets ? Redact(logEvent) : logEvent);

    private LogEvent Redact(LogEvent e)
    {
        var template = _redactor.Contains(e.MessageTemplate.Text) ? Parser.Parse(_redactor.Redact(e.MessageTemplate.Text)) : e.MessageTemplate;
        var exception = e.Exception is { } ex && _redactor.Contains(ex.ToString()) ? new RedactedException(ex, _redactor) : e.Exception;
        var properties = e.Properties.Select(p => new LogEventProperty(p.Key, RedactValue(p.Value)));
        return new LogEvent(e.Timestamp, e.Level, exception, template, properties);
    }

    private LogEventPropertyValue RedactValue(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } when _redactor.Contains(s) => new ScalarValue(_redactor.Redact(s)),
        ScalarValue { Value: { } other and not string } when _redactor.Contains(other.ToString()) => new ScalarValue(_redactor.Redact(other.ToString()!)),
        SequenceValue seq => new SequenceValue(seq.Elements.Select(RedactValue)),
        StructureValue st => new StructureValue(st.Properties.Select(p => new LogEventProperty(p.Name, RedactValue(p.Value))), st.TypeTag),
        DictionaryValue dict => new DictionaryValue(dict.Elements.Select(kv => new KeyValuePair<ScalarValue, LogEventPropertyValue>(kv.Key, RedactValue(kv.Value)))),
        _ => value,
    };

    /// <summary>Stands in for an exception whose text held a secret: same type name and shape, secret masked.</summary>
    private sealed class RedactedException : Exception
    {
        private readonly string _text;

        public RedactedException(Exception original, SecretRedactor redactor) : base(redactor.Redact(original.Message))
        {
            _text = redactor.Redact(original.ToString());
        }

        public override string ToString() => _text;
        public override string? StackTrace => null;
    }
}
