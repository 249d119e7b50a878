using TradingBlazor.Engine.Alerts;

namespace TradingBlazor.Api;

/// <summary>Recent alerts, and the webhook that receives each of them.</summary>
public static class AlertEndpoints
{
    public const int MaxAlerts = 500;

    /// <summary>The webhook address; null or empty when off.</summary>
    public sealed record WebhookSetting(string? Url);

    public static void MapAlertEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/alerts", (int? n, HttpContext http) => ApiProblems.WithAsync<AlertCenter>(http, center =>
            Task.FromResult(n is < 1 or > MaxAlerts
                ? ApiProblems.Invalid("n", $"must be between 1 and {MaxAlerts}.")
                : Results.Ok(center.Recent(n ?? 50)))))
            .WithTags("Alerts").Produces<List<Alert>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("ListAlerts").WithSummary("The latest alerts (fills, rejections, halts, approvals waiting, bot errors, broker drops), newest first; ?n= 1-500, default 50.");

        var settings = endpoints.MapGroup("/api/settings").WithTags("Settings");

        settings.MapGet("/webhook", (HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<AlertWebhook>(http, webhook =>
            Task.FromResult(Results.Ok(new WebhookSetting(webhook.Url?.ToString())))))
            .Produces<WebhookSetting>().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("GetWebhook").WithSummary("The address every alert is POSTed to as JSON (null: off).");

        settings.MapPut("/webhook", (WebhookSetting? body, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<AlertWebhook>(http, async webhook =>
        {
            if (body is null) return ApiProblems.Invalid("url", "a body { \"url\": \"...\" } is required (empty to switch the webhook off).");
            if (await webhook.SetUrlAsync(body.Url, ct) is { } error) return ApiProblems.Invalid("url", error);
            return Results.Ok(new WebhookSetting(webhook.Url?.ToString()));
        })).Accepts<WebhookSetting>("application/json").Produces<WebhookSetting>().ProducesValidationProblem()
            .WithName("SetWebhook").WithSummary("Set the alert webhook: { url: absolute http(s) URL, or empty to switch it off }.");
    }
}
