namespace TradingBlazor.Components;

/// <summary>The persisted light/dark choice: a cookie read at prerender so the first paint is already in the right theme.</summary>
public static class ThemeCookie
{
    public const string Name = "TradingBlazorTheme";
    public const string Light = "material";
    public const string Dark = "material-dark";
}
