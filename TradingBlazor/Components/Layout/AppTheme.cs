using MudBlazor;

namespace TradingBlazor.Components.Layout;

/// <summary>The app's palette: a calm blue for actions, trading green and red for gains and losses, system fonts (no CDN).</summary>
public static class AppTheme
{
    private static readonly string[] Fonts = { "Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif" };

    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2962ff",
            Secondary = "#546e7a",
            Success = "#089981",
            Error = "#f23645",
            Warning = "#f59e0b",
            Info = "#0288d1",
            AppbarBackground = "#ffffff",
            AppbarText = "#131722",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            TextPrimary = "#131722",
            TextSecondary = "#5d6673",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#5b8cff",
            Secondary = "#90a4ae",
            Success = "#26a69a",
            Error = "#ef5350",
            Warning = "#fbbf24",
            Info = "#4fc3f7",
            AppbarBackground = "#161a25",
            AppbarText = "#d1d4dc",
            Background = "#0f121a",
            Surface = "#161a25",
            DrawerBackground = "#161a25",
            TextPrimary = "#d1d4dc",
            TextSecondary = "#8b93a3",
            LinesDefault = "#2a2e39",
            TableLines = "#2a2e39",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H1 = new H1Typography { FontFamily = Fonts },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
