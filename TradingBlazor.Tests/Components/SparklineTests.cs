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

    [Theory]
    [InlineData(new[] { 1.0, 2.0 }, "tb-gain", null)]
    [InlineData(new[] { 2.0, 1.0 }, "tb-loss", null)]
    [InlineData(new[] { 5.0, 5.0 }, "tb-muted", "1,11 101,11")]
    [InlineData(new[] { 5.0 }, "tb-muted", "1,11 101,11")]
    [InlineData(new double[0], "tb-muted", "")]
    public void Rising_is_a_gain_falling_a_loss_and_flat_or_single_a_muted_level_line(double[] values, string tone, string? points)
    {
        var drawn = Points(values.Select(v => (decimal)v).ToArray());
        Assert.Contains(tone, ByTestId("spark").ClassList);
        if (points is not null) Assert.Equal(points, drawn);
    }
}
