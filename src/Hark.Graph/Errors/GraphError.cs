using Hark.Graph.Validation;
using Microsoft.AspNetCore.Http;

namespace Hark.Graph.Errors;

/// <summary>Factory for every Graph error Hark answers with.</summary>
public static class GraphError
{
    /// <summary>400 for a body that failed reading or validation; each field becomes an <c>error.details</c> entry.</summary>
    public static GraphErrorResult BadRequest(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A bad request needs at least one field error.", nameof(errors));
        }

        var message = errors.Count == 1
            ? errors[0].Message
            : $"The request has {errors.Count} problems: " + string.Join(" ", errors.Select(e => e.Message));
        var details = errors.Select(e => new GraphErrorDetail(GraphErrorCodes.BadRequest, e.Message, e.Path.Length == 0 ? "body" : e.Path)).ToArray();
        return new GraphErrorResult(StatusCodes.Status400BadRequest, GraphErrorCodes.BadRequest, message, details);
    }

    /// <summary>The answer to a body that could not be read: 400 naming the field, or 413 / 415.</summary>
    public static GraphErrorResult ReadFailed(int statusCode, IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return statusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => Create(statusCode, GraphErrorCodes.UnsupportedMediaType, errors[0].Message),
            StatusCodes.Status413PayloadTooLarge => Create(statusCode, GraphErrorCodes.RequestTooLarge, errors[0].Message),
            _ => BadRequest(errors),
        };
    }

    /// <summary>400 for a request that is not allowed as sent (e.g. a bad route value).</summary>
    public static GraphErrorResult BadRequest(string message) =>
        new(StatusCodes.Status400BadRequest, GraphErrorCodes.BadRequest, message, null);

    /// <summary>400 for a well-formed request the call cannot take now (wrong state, app-hosted media...).</summary>
    public static GraphErrorResult InvalidRequest(string message) =>
        new(StatusCodes.Status400BadRequest, GraphErrorCodes.InvalidRequest, message, null);

    public static GraphErrorResult Unauthorized(string message = "Access token is empty or invalid.") =>
        new(StatusCodes.Status401Unauthorized, GraphErrorCodes.InvalidAuthenticationToken, message, null);

    public static GraphErrorResult Forbidden(string message) =>
        new(StatusCodes.Status403Forbidden, GraphErrorCodes.Forbidden, message, null);

    /// <summary>404 for an unknown or ended call, as the calling service answers it.</summary>
    public static GraphErrorResult CallNotFound() =>
        new(StatusCodes.Status404NotFound, GraphErrorCodes.CallNotFound, "Call not found.", null);

    /// <summary>404 for anything else that does not exist (an operation, a recording).</summary>
    public static GraphErrorResult NotFound(string message) =>
        new(StatusCodes.Status404NotFound, GraphErrorCodes.ItemNotFound, message, null);

    public static GraphErrorResult UnknownError(string message = "An unexpected error occurred.") =>
        new(StatusCodes.Status500InternalServerError, GraphErrorCodes.UnknownError, message, null);

    /// <summary>405 for a method the route does not offer; <paramref name="allow"/> goes into the <c>Allow</c> header.</summary>
    public static GraphErrorResult MethodNotAllowed(string message, string allow) =>
        new(StatusCodes.Status405MethodNotAllowed, GraphErrorCodes.MethodNotAllowed, message, null) { Allow = allow };

    /// <summary>Any other status and code.</summary>
    public static GraphErrorResult Create(int statusCode, string code, string message) => new(statusCode, code, message, null);
}
