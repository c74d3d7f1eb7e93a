using System.ComponentModel.DataAnnotations;
using System.Runtime.InteropServices;
using Hark.Samples.Voicemail;
using Microsoft.Extensions.Configuration;

// Settings: appsettings.json, environment (VoicemailBot__ClientId=...) or command line (--VoicemailBot:ClientId=...).
var configuration = new ConfigurationBuilder()
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();
var options = new VoicemailBotOptions();
configuration.GetSection(VoicemailBotOptions.Section).Bind(options);
Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);

// Ctrl+C (SIGINT) and SIGTERM (docker stop, systemd, a test harness) both stop the bot cleanly.
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

var bot = new VoicemailBot(options);
var run = bot.RunAsync(stop.Token);
await foreach (var voicemail in bot.Saved.ReadAllAsync(CancellationToken.None))
{
    Console.WriteLine($"Voicemail from call {voicemail.CallId}: {voicemail.Path}");
}

await run;
