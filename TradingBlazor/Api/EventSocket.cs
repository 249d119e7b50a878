using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Api;

/// <summary><c>/ws</c>: the engine's events, live, as JSON text messages (see <see cref="Description"/>).</summary>
public static class EventSocket
{
    public const string Path = "/ws";

    /// <summary>Snake_case with enums as strings, like the bot config documents.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public const string Description = """
        WebSocket (connect with an upgrade request; a plain GET is a 400). The server first sends
        `{"kind":"hello","seq":N}` with the latest sequence number, then every engine event as
        `{"seq":n,"time":"2025-03-12T14:30:00Z","kind":"fill","bot_id":3,"data":{...}}`
        (kinds: signal_raised, order_submitted, order_changed, fill, position_changed, bot_status_changed, risk_halt;
        snake_case, enums as strings). Catch up with `?since=n` on connect or by sending `{"since":n}`: the events after n
        come first (they may repeat some already received: de-duplicate by seq). When the server no longer holds them it
        sends `{"kind":"resync","seq":N}` instead: reload over REST, then carry on with the live events.
        A client that falls 1,000 events behind is closed (1008 policy violation); reconnect with `?since=`.
        """;

    public static void MapEventSocket(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (HttpContext http, IHostApplicationLifetime lifetime) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "/ws is a WebSocket endpoint: connect with a WebSocket upgrade request.");
            long? since = null;
            if (http.Request.Query.TryGetValue("since", out var text))
            {
                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
                    return ApiProblems.Invalid("since", $"'{text}' is not a sequence number (a whole number).");
                since = s;
            }
            if (http.RequestServices.GetService<TradingEventBus>() is not { } bus)
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The trading engine is not available.");
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            await new EventSocketSession(socket, bus, since).RunAsync(lifetime.ApplicationStopping, http.RequestAborted);
            return Results.Empty;
        }).WithTags("Events").WithName("EventSocket").WithSummary("Live engine events over a WebSocket.").WithDescription(Description)
          .Produces(StatusCodes.Status101SwitchingProtocols).ProducesProblem(StatusCodes.Status400BadRequest)
          .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
