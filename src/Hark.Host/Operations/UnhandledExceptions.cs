using Hark.Graph.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Hark.Host.Operations;

/// <summary>
/// The safety net under every endpoint: an exception no handler caught becomes a Graph-shaped 500 (or the 4xx of a
/// <see cref="BadHttpRequestException"/>) carrying a request id that the Error log line names, never an empty body or
/// a stack trace; exceptions that escape every task or thread are logged too.
/// </summary>
internal static partial class UnhandledExceptions
{
    /// <summary>Puts the handler first in the pipeline and logs process-wide unhandled exceptions until the app stops.</summary>
    public static void UseHarkExceptionHandler(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hark.Host.UnhandledExceptions");
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => HandleAsync(context, logger),

            // Hark logs the exception itself, with the request id; the middleware's own line would say it twice.
            SuppressDiagnosticsCallback = _ => true,
        });

        void OnUnhandled(object? sender, UnhandledExceptionEventArgs e) =>
            ProcessException(logger, e.ExceptionObject as Exception, e.IsTerminating ? "a thread (the process ends)" : "a thread");

        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => ProcessException(logger, e.Exception, "a task nobody awaited");

        AppDomain.CurrentDomain.UnhandledException += OnUnhandled;
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            AppDomain.CurrentDomain.UnhandledException -= OnUnhandled;
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        });
    }

    private static Task HandleAsync(HttpContext context, ILogger logger)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (requestId, clientRequestId) = GraphRequestIds.Ensure(context);

        // The middleware cleared the response, headers included; the ids go back on.
        context.Response.Headers[GraphRequestIds.RequestIdHeader] = requestId;
        context.Response.Headers[GraphRequestIds.ClientRequestIdHeader] = clientRequestId;
        if (exception is BadHttpRequestException bad)
        {
            // Kestrel's own refusals (a body over its limit, a client that stopped sending): the client's fault.
            RequestRefused(logger, context.Request.Method, context.Request.Path.Value ?? "", requestId, bad.StatusCode, bad.Message);
            return GraphError.Create(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? GraphErrorCodes.RequestTooLarge : GraphErrorCodes.BadRequest, bad.Message)
                .ExecuteAsync(context);
        }

        RequestFailed(logger, exception, context.Request.Method, context.Request.Path.Value ?? "", requestId);
        return GraphError.UnknownError($"An unexpected error occurred. Quote request id {requestId} to the operator.").ExecuteAsync(context);
    }

    private static void ProcessException(ILogger logger, Exception? exception, string where)
    {
        try
        {
            Unobserved(logger, exception, where);
        }
#pragma warning disable CA1031 // Logging must not throw out of a process-wide handler.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    [LoggerMessage(1010, LogLevel.Error, "Unhandled exception in {Method} {Path} (request id {RequestId}); answered 500")]
    private static partial void RequestFailed(ILogger logger, Exception? exception, string method, string path, string requestId);

    [LoggerMessage(1011, LogLevel.Debug, "{Method} {Path} (request id {RequestId}) refused by the server with {StatusCode}: {Reason}")]
    private static partial void RequestRefused(ILogger logger, string method, string path, string requestId, int statusCode, string reason);

    [LoggerMessage(1012, LogLevel.Error, "Unhandled exception in {Where}")]
    private static partial void Unobserved(ILogger logger, Exception? exception, string where);
}
