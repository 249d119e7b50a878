using Bunit;
using TradingBlazor.Components.Shared;

namespace TradingBlazor.Tests.Components;

public sealed class SparklineTests : ComponentTestBase
{
    private string Points(params decimal[] values)
    {
        Render<Sparkline>(p => p.Add(x => x.Values, values).Add(x => x.Width, 102).Add(x => x.Height, 22).Add(x => x.TestId, "spark"));
        return Host.Find("polyline").GetAttribute("points")!;
    }

    [Fact]
    public void A_series_fills_the_box_highest_at_the_top_with_a_pixel_of_margin()
    {
        Assert.Equal("1,21 51,1 101,11", Points(10m, 20m, 15m));
        Assert.Equal("3", ByTestId("spark").GetAttribute("data-points"));
    }

    [Fact]
    public void Rising_is_a_gain_falling_a_loss_and_flat_or_single_a_muted_level_line()
    {
        Points(1m, 2m);
        Assert.Contains("tb-gain", ByTestId("spark").ClassList);
        Points(2m, 1m);
        Assert.Contains("tb-loss", ByTestId("spark").ClassList);
        Assert.Equal("1,11 101,11", Points(5m, 5m));
        Assert.Contains("tb-muted", ByTestId("spark").ClassList);
        Assert.Equal("1,11 101,11", Points(5m));
        Assert.Equal("", Points());
    }
}
