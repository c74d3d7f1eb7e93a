using System.Reflection;
using Hark.Host;

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5080");
builder.Services.AddOptions<HarkOptions>()
    .BindConfiguration(HarkOptions.Section)
    .ValidateDataAnnotations()
    .ValidateOnStart();

var app = builder.Build();
var version = typeof(HarkOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HarkOptions>>().Value;
Log.Started(app.Logger, version, Path.GetFullPath(options.DataDirectory), options.PublicBaseUrl ?? "(from request)");

app.MapGet("/hark/v1/version", () => TypedResults.Text(version));
app.Run();
