namespace Hark.Graph.Validation;

/// <summary>A request body read from JSON: either a value or the errors that stopped it.</summary>
public sealed class GraphReadResult<T>
    where T : class
{
    private GraphReadResult(T? value, IReadOnlyList<FieldError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    public bool Succeeded => Value is not null;

    internal static GraphReadResult<T> Ok(T value) => new(value, []);

    internal static GraphReadResult<T> Fail(FieldError error) => new(null, [error]);
}
