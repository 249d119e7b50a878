using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Api;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Tests.Api;

public sealed class BotEndpointsWithoutEngineTests
{
    [Fact]
    public async Task Without_the_engine_registered_the_endpoints_answer_503_instead_of_throwing()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        bool called = false;

        var result = await ApiProblems.WithAsync<IBotService>(http, _ =>
        {
            called = true;
            return Task.FromResult(Results.Ok());
        });

        Assert.False(called);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, Assert.IsType<ProblemHttpResult>(result).StatusCode);
    }
}
