namespace TradingBlazor.Adapters.Alpaca;

/// <summary>
/// An error answer from Alpaca with its HTTP status and Alpaca's 8-digit code. Messages never carry credentials.
/// </summary>
public class AlpacaApiException(int status, int? code, string message) : Exception($"Alpaca {status}{(code is { } c ? $" ({c})" : "")}: {message}")
{
    public int Status { get; } = status;
    public int? Code { get; } = code;
    public string AlpacaMessage { get; } = message;

    public bool IsDuplicateClientOrderId => Status == 422 && AlpacaMessage.Contains("client_order_id must be unique", StringComparison.OrdinalIgnoreCase);
    public bool IsNotFound => Status == 404;
    public bool IsAuthFailure => Status is 401 or 403 && Code is 40110000;
}

/// <summary>The request may or may not have reached Alpaca (timeout, connection reset, 5xx after sending).</summary>
public sealed class AlpacaAmbiguousException(string message, Exception? inner = null) : Exception(message, inner);
