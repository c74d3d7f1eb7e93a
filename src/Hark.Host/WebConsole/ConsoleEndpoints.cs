using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Hark.Host.WebConsole;

/// <summary>
/// The operator's web console at <c>/console</c>: static files embedded in the binary (no CDN, works offline). The
/// pages are public; every piece of data they show comes from the operator API with the operator's key.
/// </summary>
internal static class ConsoleEndpoints
{
    public const string Path = "/console";

    // Only what the console itself needs: its own scripts and styles, the API on the same origin, recordings as blobs.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplication MapHarkConsole(this WebApplication app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(ConsoleEndpoints).Assembly, "WebConsole/wwwroot");
        // /console is redirected to /console/, which serves index.html.
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Path,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Revalidated on every load (ETag), so a new Hark's console is never mixed with an old cached one.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}
