using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Hark.Graph.Validation;

/// <summary>
/// Reads a request body into a contract. Never throws for bad input: a non-JSON content type (415), a body over
/// <see cref="MaxBodyBytes"/> (413), malformed JSON, text that is not UTF-8 or holds an unpaired surrogate escape,
/// a wrong JSON type or a missing body each come back as one <see cref="FieldError"/> naming the position or field.
/// </summary>
public static class GraphRequestReader
{
    /// <summary>Bodies larger than this are refused (data: URI prompts make some bodies big).</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>Deepest nesting accepted; Graph's bodies need fewer than 10 levels.</summary>
    public const int MaxDepth = 32;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

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

        if (Parse(json) is not { } parsed)
        {
            return GraphReadResult<T>.Fail(Describe(json));
        }

        using var document = parsed;
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

    /// <summary>Checks the content type, reads the whole request body (up to <see cref="MaxBodyBytes"/>) and parses it.</summary>
    public static async Task<GraphReadResult<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, bool bodyRequired, CancellationToken cancellationToken)
        where T : class, new()
    {
        if (CheckHeaders(request) is { } refused)
        {
            return GraphReadResult<T>.Fail(refused.Error, refused.StatusCode);
        }

        var (buffer, length, tooLarge) = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            return tooLarge
                ? GraphReadResult<T>.Fail(TooLarge, StatusCodes.Status413PayloadTooLarge)
                : Read(buffer.AsSpan(0, length), typeInfo, bodyRequired);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The same checks for endpoints that walk the document themselves (the simulator): a parsed document every
    /// string of which is valid, or the status and error to answer with.
    /// </summary>
    public static async Task<(JsonDocument? Document, int StatusCode, FieldError? Error)> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CheckHeaders(request) is { } refused)
        {
            return (null, refused.StatusCode, refused.Error);
        }

        var (buffer, length, tooLarge) = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (tooLarge)
            {
                return (null, StatusCodes.Status413PayloadTooLarge, TooLarge);
            }

            var json = buffer.AsSpan(0, length);
            return Parse(json) is { } document
                ? (document, StatusCodes.Status200OK, null)
                : (null, StatusCodes.Status400BadRequest, Describe(json));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>True for <c>application/json</c> and <c>application/*+json</c>, in UTF-8 (no charset, or utf-8).</summary>
    public static bool IsJsonContentType(string? contentType)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type)
        {
            return false;
        }

        var json = type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var charset = media.Charset.Value;
        return json && (charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
    }

    private static FieldError TooLarge => new("", $"The request body is larger than {MaxBodyBytes} bytes.");

    // A body with no Content-Type is read as JSON (hand-written requests); any other declared type is refused.
    private static (int StatusCode, FieldError Error)? CheckHeaders(HttpRequest request)
    {
        if (request.ContentType is { } type && !IsJsonContentType(type))
        {
            return (StatusCodes.Status415UnsupportedMediaType,
                new FieldError("", $"The request body must be application/json (UTF-8); got Content-Type \"{GraphRules.Clip(type)}\"."));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (StatusCodes.Status413PayloadTooLarge, TooLarge);
        }

        return null;
    }

    // Into one pooled buffer, so a stream of big bodies does not leave the large-object heap full of copies.
    private static async Task<(byte[] Buffer, int Length, bool TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1024, MaxBodyBytes + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > MaxBodyBytes)
                    {
                        return (buffer, length, true);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, length, length > MaxBodyBytes);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    // Null when the bytes are not one well-formed JSON value whose every string System.Text.Json can turn into .NET text.
    private static JsonDocument? Parse(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json) || !EscapesAreValid(json))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
            var document = JsonDocument.ParseValue(ref reader);
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

            return document;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Why Parse refused the bytes, for the error message.
    private static FieldError Describe(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            _ = Utf8.ToUtf16(json, new char[json.Length], out var valid, out _, replaceInvalidSequences: false);
            return new FieldError("", $"The request body is not valid UTF-8 (byte {valid + 1}).");
        }

        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), DocumentOptions);
        }
        catch (JsonException ex)
        {
            return new FieldError("", $"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }

        return new FieldError("", "The request body holds a string with an unpaired surrogate escape (such as \\ud800 alone); JSON text must be valid Unicode.");
    }

    // Escaped strings can spell lone surrogates ("\ud800"), which .NET cannot turn into a string; unescaped ones were
    // checked as UTF-8 already. Malformed JSON passes here and is reported by the parser.
    private static bool EscapesAreValid(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf((byte)'\\') < 0)
        {
            return true;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        return true;
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
