namespace Hark.Graph.Validation;

/// <summary>A request body read from JSON: either a value or the errors that stopped it.</summary>
public sealed class GraphReadResult<T>
    where T : class
{
    private GraphReadResult(T? value, IReadOnlyList<FieldError> errors, int statusCode = 400)
    {
        Value = value;
        Errors = errors;
        StatusCode = statusCode;
    }

    /// <summary>The status a failure answers with: 400, or 413 / 415 for the body's size or content type.</summary>
    public int StatusCode { get; }

    public T? Value { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    public bool Succeeded => Value is not null;

    internal static GraphReadResult<T> Ok(T value) => new(value, []);

    internal static GraphReadResult<T> Fail(FieldError error, int statusCode = 400) => new(null, [error], statusCode);
}
