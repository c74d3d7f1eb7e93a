using System.Text;
using System.Text.Json.Serialization.Metadata;
using Hark.Graph.Validation;

namespace Hark.Graph.Tests.Validation;

/// <summary>Reads a JSON body and validates it the way an endpoint will: reading errors first, then rules.</summary>
internal static class BodyCheck
{
    public static IReadOnlyList<FieldError> Errors<T>(
        string json,
        JsonTypeInfo<T> info,
        Func<T, GraphLimitsOptions, IReadOnlyList<FieldError>> validate,
        GraphLimitsOptions? limits = null,
        bool bodyRequired = true)
        where T : class, new()
    {
        var read = GraphRequestReader.Read(Encoding.UTF8.GetBytes(json), info, bodyRequired);
        return read.Succeeded ? validate(read.Value!, limits ?? new GraphLimitsOptions()) : read.Errors;
    }

    /// <summary>Asserts exactly one error, at <paramref name="path"/>, and returns its message.</summary>
    public static string SingleAt(IReadOnlyList<FieldError> errors, string path)
    {
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(path.Length == 0 ? "" : path, error.Message, StringComparison.Ordinal);
        return error.Message;
    }
}
