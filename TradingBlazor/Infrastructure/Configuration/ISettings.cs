namespace TradingBlazor.Infrastructure.Configuration;

/// <summary>A bound configuration section that can say what is wrong with itself, naming the full setting path.</summary>
public interface ISettings
{
    /// <summary>The configuration section this type binds to, e.g. "Storage".</summary>
    static abstract string Section { get; }

    /// <summary>One message per problem, each starting with the setting's full path (e.g. "Storage:DataDirectory ...").</summary>
    IEnumerable<string> Validate();
}
