using System.Text;
using Hark.Storage;

namespace Hark.Host.Cli;

/// <summary><c>hark --help</c>: usage, the data paths this configuration uses, and every key with its default.</summary>
internal static class HelpText
{
    public static string Build(IConfiguration configuration)
    {
        var data = Path.GetFullPath(configuration["Hark:DataDirectory"] ?? new HarkOptions().DataDirectory);
        var text = new StringBuilder();
        text.AppendLine($"hark {HarkApp.Version}: a calling server that speaks the Microsoft Graph calls API over SIP/RTP.");
        text.AppendLine();
        text.AppendLine("Usage:");
        text.AppendLine("  hark [--key=value ...]               run the server");
        text.AppendLine("  hark check-config [--key=value ...]  validate the configuration and exit (0 = valid)");
        text.AppendLine("  hark --version                       print the version");
        text.AppendLine("  hark --help                          this text");
        text.AppendLine();
        text.AppendLine("Configuration: command line (--Hark:Sip:Port=5070), environment (Hark__Sip__Port=5070),");
        text.AppendLine("or appsettings.json in the working directory. Meanings: docs/configuration.md.");
        text.AppendLine();
        text.AppendLine("Data (from Hark:DataDirectory; one Hark per folder):");
        text.AppendLine($"  database    {Path.Combine(data, SqliteCallStore.FileName)}");
        text.AppendLine($"  recordings  {Path.Combine(data, FileRecordingStore.DirectoryName)}");
        text.AppendLine();
        text.AppendLine("Keys and defaults:");
        text.AppendLine($"  {"urls",-52} {HarkApp.DefaultUrls}");
        foreach (var (key, value) in OptionsCatalog.Keys())
        {
            text.AppendLine($"  {key,-52} {value}");
        }

        foreach (var (key, meaning) in OptionsCatalog.Lists)
        {
            text.AppendLine($"  {key}");
            text.AppendLine($"  {"",-52} {meaning}");
        }

        text.AppendLine($"  {"Logging:LogLevel:<category>",-52} Information (Microsoft.AspNetCore: Warning)");
        return text.ToString();
    }
}
