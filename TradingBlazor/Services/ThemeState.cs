namespace TradingBlazor.Services;

/// <summary>
/// The trader's light/dark choice for one circuit. It starts from the cookie read at prerender (so the first paint
/// is already in the right theme) and tells the charts when it changes; the layout saves it back to the cookie.
/// </summary>
public sealed class ThemeState
{
    public const string CookieName = "TradingBlazorTheme";
    public const string Dark = "dark";
    public const string Light = "light";

    public bool IsDark { get; private set; }

    public event Action? Changed;

    public static bool IsDarkCookie(string? value) => value == Dark;

    /// <summary>Sets the initial value without raising <see cref="Changed"/> (nothing is drawn yet).</summary>
    public void Initialize(bool dark) => IsDark = dark;

    public void Set(bool dark)
    {
        if (dark == IsDark) return;
        IsDark = dark;
        Changed?.Invoke();
    }
}
