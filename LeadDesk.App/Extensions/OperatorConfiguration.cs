using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace LeadDesk.App.Extensions;

/// <summary>
/// Loads the one operator config file, <c>appsettings.json</c> at the repository root (or beside the published app),
/// wherever the app is started from. Environment variables and the command line still override it.
/// </summary>
public static class OperatorConfiguration
{
    public const string FileName = "appsettings.json";

    public static WebApplicationBuilder AddOperatorConfiguration(this WebApplicationBuilder builder)
    {
        var path = Locate();
        var source = new JsonConfigurationSource { Path = path, Optional = false, ReloadOnChange = true };
        source.ResolveFileProvider();
        var sources = builder.Configuration.Sources;
        // Sit where the host's own appsettings.json would: below environment variables and the command line.
        var firstOverride = sources.ToList().FindLastIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        sources.Insert(firstOverride < 0 ? sources.Count : firstOverride, source);
        builder.Configuration["Database:BaseDirectory"] ??= Path.GetDirectoryName(path);
        return builder;
    }

    /// <summary>The repository root's file when running from a checkout, otherwise the copy beside the binaries.</summary>
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeadDesk.sln")) && File.Exists(Path.Combine(dir.FullName, FileName)))
                return Path.Combine(dir.FullName, FileName);
        }
        return Path.Combine(AppContext.BaseDirectory, FileName);
    }
}
