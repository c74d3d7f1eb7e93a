using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Hark.Graph.Validation;

/// <summary>
/// Reads a request body into a contract. Never throws for bad input: malformed JSON, a wrong JSON type
/// or a missing body each come back as one <see cref="FieldError"/> naming the position or field.
/// </summary>
public static class GraphRequestReader
{
    /// <summary>Bodies larger than this are refused (data: URI prompts make some bodies big).</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    /// <param name="bodyRequired">When false, an empty body (or <c>null</c>) reads as a new, empty <typeparamref name="T"/>.</param>
    public static GraphReadResult<T> Read<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo, bool bodyRequired)
        where T : class, new()
    {
        if (IsBlank(json))
        {
            return bodyRequired
                ? GraphReadResult<T>.Fail(new FieldError("", "A JSON request body is required."))
                : GraphReadResult<T>.Ok(new T());
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
            try
            {
                // Content after the value makes the reader throw, which reports it like any malformed JSON.
                _ = reader.Read();
            }
            catch (JsonException)
            {
                document.Dispose();
                throw;
            }
        }
        catch (JsonException ex)
        {
            return GraphReadResult<T>.Fail(new FieldError("", $"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return bodyRequired
                    ? GraphReadResult<T>.Fail(new FieldError("", "A JSON request body is required."))
                    : GraphReadResult<T>.Ok(new T());
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return GraphReadResult<T>.Fail(JsonPathDescriber.Describe(null, typeInfo, root));
            }

            try
            {
                return GraphReadResult<T>.Ok(root.Deserialize(typeInfo) ?? new T());
            }
            catch (JsonException ex)
            {
                return GraphReadResult<T>.Fail(JsonPathDescriber.Describe(ex.Path, typeInfo, root));
            }
        }
    }

    /// <summary>Reads the whole request body (up to <see cref="MaxBodyBytes"/>) and parses it.</summary>
    public static async Task<GraphReadResult<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, bool bodyRequired, CancellationToken cancellationToken)
        where T : class, new()
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return GraphReadResult<T>.Fail(new FieldError("", $"The request body is larger than {MaxBodyBytes} bytes."));
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeInfo, bodyRequired);
    }

    private static bool IsBlank(ReadOnlySpan<byte> json)
    {
        foreach (var b in json)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
