using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Hark.Graph.Validation;

/// <summary>
/// Turns a System.Text.Json conversion failure into a field error: the path System.Text.Json reports
/// is walked both through the contract metadata (what was expected) and the document (what came).
/// </summary>
internal static class JsonPathDescriber
{
    public static FieldError Describe(string? jsonPath, JsonTypeInfo root, JsonElement document)
    {
        var segments = Parse(jsonPath);
        if (segments.Count == 0)
        {
            return new FieldError("", $"The request body must be a JSON object; got {Actual(document)}.");
        }

        var path = Format(segments);
        var expected = Expected(root, segments);
        var actual = Walk(document, segments) is { } element ? Actual(element) : null;
        var message = (expected, actual) switch
        {
            (not null, not null) => $"{path} must be {expected}; got {actual}.",
            (not null, null) => $"{path} must be {expected}.",
            _ => $"{path} has an invalid value.",
        };
        return new FieldError(path, message);
    }

    /// <summary>Splits <c>$.a.b[0]['@odata.type']</c> into names (string) and indexes (int).</summary>
    internal static List<object> Parse(string? jsonPath)
    {
        var segments = new List<object>();
        if (string.IsNullOrEmpty(jsonPath))
        {
            return segments;
        }

        var i = jsonPath[0] == '$' ? 1 : 0;
        while (i < jsonPath.Length)
        {
            if (jsonPath[i] == '.')
            {
                var end = jsonPath.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? jsonPath.Length : end;
                segments.Add(jsonPath[(i + 1)..end]);
                i = end;
            }
            else if (jsonPath[i] == '[' && i + 1 < jsonPath.Length && jsonPath[i + 1] == '\'')
            {
                var end = jsonPath.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? jsonPath.Length : end;
                segments.Add(jsonPath[(i + 2)..end]);
                i = Math.Min(end + 2, jsonPath.Length);
            }
            else if (jsonPath[i] == '[')
            {
                var end = jsonPath.IndexOf(']', i + 1);
                end = end < 0 ? jsonPath.Length : end;
                segments.Add(int.TryParse(jsonPath.AsSpan(i + 1, end - i - 1), out var index) ? index : jsonPath[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
    }

    internal static string Format(List<object> segments)
    {
        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment is int index)
            {
                builder.Append('[').Append(index).Append(']');
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append((string)segment);
            }
        }

        return builder.ToString();
    }

    private static string? Expected(JsonTypeInfo root, List<object> segments)
    {
        Type? type = root.Type;
        var info = root;
        foreach (var segment in segments)
        {
            type = segment switch
            {
                string name when info.Kind == JsonTypeInfoKind.Object =>
                    info.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType,
                int when info.Kind == JsonTypeInfoKind.Enumerable => info.ElementType,
                _ => null,
            };
            if (type is null)
            {
                return null;
            }

            type = Nullable.GetUnderlyingType(type) ?? type;
            info = root.Options.GetTypeInfo(type);
        }

        return Name(type!, info);
    }

    private static string Name(Type type, JsonTypeInfo info)
    {
        if (type == typeof(int))
        {
            return "a whole number (32-bit integer)";
        }

        if (type == typeof(long))
        {
            return "a whole number (64-bit integer)";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(string))
        {
            return "a string";
        }

        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => "\"" + JsonNamingPolicy.CamelCase.ConvertName(n) + "\""));
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Object => "an object",
            _ => "a valid value",
        };
    }

    private static JsonElement? Walk(JsonElement element, List<object> segments)
    {
        foreach (var segment in segments)
        {
            if (segment is string name && element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child))
            {
                element = child;
            }
            else if (segment is int index && element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength())
            {
                element = element[index];
            }
            else
            {
                return null;
            }
        }

        return element;
    }

    private static string Actual(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{GraphRules.Clip(element.GetString()!)}\"",
        JsonValueKind.Number => $"the number {GraphRules.Clip(element.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
