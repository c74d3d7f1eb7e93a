using Microsoft.Extensions.Configuration;

namespace Hark.Host.Cli;

/// <summary>The <c>hark</c> command: run (default), <c>check-config</c>, <c>--help</c>, <c>--version</c>.</summary>
public static class HarkCommandLine
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        // Flags are not configuration (the command-line provider would take "--help x" as a key and its value).
        string[] flags = ["--help", "-h", "-?", "--version"];
        var settings = (command is null ? args : args[1..]).Where(a => !flags.Contains(a)).ToArray();
        var configuration = ReadConfiguration(settings);

        if (command is "help" || args.Contains("--help") || args.Contains("-h") || args.Contains("-?"))
        {
            await output.WriteAsync(HelpText.Build(configuration));
            return 0;
        }

        if (command is "version" || args.Contains("--version"))
        {
            await output.WriteLineAsync("hark " + HarkApp.Version);
            return 0;
        }

        if (command is not (null or "run" or "check-config"))
        {
            await error.WriteLineAsync($"hark: unknown command '{command}'; see hark --help.");
            return StartupError.Configuration;
        }

        try
        {
            if (command is "check-config")
            {
                await using var app = HarkApp.CreateForCheck(settings);
                HarkApp.Validate(app);
                await output.WriteLineAsync($"Configuration is valid; data directory {Path.GetFullPath(configuration["Hark:DataDirectory"] ?? new HarkOptions().DataDirectory)}.");
                return 0;
            }

            await using (var app = HarkApp.Create(settings))
            {
                await app.RunAsync();
            }

            return 0;
        }
        catch (Exception e)
        {
            var (code, line) = StartupError.Describe(e, configuration);
            await error.WriteLineAsync("hark: " + line);
            return code;
        }
    }

    // The sources WebApplication reads, for messages and help before (or without) building it.
    private static IConfigurationRoot ReadConfiguration(string[] settings) => new ConfigurationBuilder()
        .SetBasePath(Directory.GetCurrentDirectory())
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(settings)
        .Build();
}
