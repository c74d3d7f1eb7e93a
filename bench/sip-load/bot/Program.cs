using System.Net;
using Hark.SipLoadBot;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// bench/sip-load's bot, started by run.py: signs in, listens on 127.0.0.1:--port, prints "listening PORT", prints
// "finished N" as each call finishes, and on SIGTERM writes every call to --results and exits.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var settings = BotSettings.From(builder.Configuration);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port));
Directory.CreateDirectory(settings.Folder);

await using var app = builder.Build();
using var hark = new HarkClient(settings.Hark, settings.Connections);
await hark.SignInAsync(settings.ClientId, settings.Secret, app.Lifetime.ApplicationStopping);
var bot = new Bot(hark, settings, app.Lifetime.ApplicationStopping);
app.MapPost("/cb", async (HttpContext context) =>
{
    var arrived = UnixTime.Now(); // first: the completion's arrival is compared with the '#' on the wire
    await bot.ReceiveAsync(context.Request, arrived);
    return Results.Accepted();
});

await app.StartAsync();
await Warm.UpAsync(hark, settings, app.Lifetime.ApplicationStopping);
Console.Out.WriteLine($"listening {settings.Port}");
await app.WaitForShutdownAsync();
bot.WriteResults(settings.Results);
