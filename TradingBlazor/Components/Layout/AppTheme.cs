using MudBlazor;

namespace TradingBlazor.Components.Layout;

/// <summary>The app's palette: a calm blue for actions, trading green and red for gains and losses, system fonts (no CDN).
/// Text on filled colours is chosen for contrast: dark text on amber (and, in the dark theme, on the light accents), white elsewhere.</summary>
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
            WarningContrastText = "#131722",
            Info = "#0277bd",
            AppbarBackground = "#ffffff",
            AppbarText = "#131722",
            Background = "#f5f7fa",
            BackgroundGray = "#f0f3f8",
            DrawerBackground = "#ffffff",
            DrawerText = "#131722",
            DrawerIcon = "#5d6673",
            TextPrimary = "#131722",
            TextSecondary = "#5d6673",
            LinesDefault = "#e0e3eb",
            TableLines = "#e0e3eb",
            Divider = "#e0e3eb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#5b8cff",
            PrimaryContrastText = "#0b0e14",
            Secondary = "#90a4ae",
            Success = "#26a69a",
            SuccessContrastText = "#0b0e14",
            Error = "#ef5350",
            ErrorContrastText = "#0b0e14",
            Warning = "#fbbf24",
            WarningContrastText = "#0b0e14",
            Info = "#4fc3f7",
            InfoContrastText = "#0b0e14",
            AppbarBackground = "#161a25",
            AppbarText = "#d1d4dc",
            Background = "#0f121a",
            BackgroundGray = "#1d2230",
            Surface = "#161a25",
            DrawerBackground = "#161a25",
            DrawerText = "#d1d4dc",
            DrawerIcon = "#8b93a3",
            TextPrimary = "#d1d4dc",
            TextSecondary = "#9aa1b0",
            TextDisabled = "rgba(209, 212, 220, 0.42)",
            ActionDisabled = "rgba(209, 212, 220, 0.32)",
            ActionDisabledBackground = "rgba(209, 212, 220, 0.10)",
            LinesDefault = "#2a2e39",
            LinesInputs = "#434857",
            TableLines = "#2a2e39",
            TableHover = "rgba(91, 140, 255, 0.06)",
            Divider = "#2a2e39",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H1 = new H1Typography { FontFamily = Fonts },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
