using System.Text;

namespace Hark.Host.Tests.Security;

/// <summary>
/// Generates bad requests from valid bodies: every string and property name broken as UTF-8 and as escaped
/// surrogates, every value swapped for every JSON type, deep nesting, huge strings, broken framing, and wrong
/// content types. Deterministic: the same list every run.
/// </summary>
internal static class BadRequestMatrix
{
    public const string Prompt = """{"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"uri":"https://cdn.contoso.com/beep.wav","resourceId":"1D6DE2D4"}}""";

    // A valid body per route (relative to the base URL; {call} is replaced by a call id).
    public static readonly (string Path, string Body)[] Routes =
    [
        ("/v1.0/communications/calls", """{"@odata.type":"#microsoft.graph.call","callbackUri":"https://bot.example/cb","targets":[{"@odata.type":"#microsoft.graph.invitationParticipantInfo","identity":{"@odata.type":"#microsoft.graph.identitySet","phone":{"@odata.type":"#microsoft.graph.identity","id":"sip:alice@127.0.0.1:1"}}}],"requestedModalities":["audio"],"mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig"},"subject":"s"}"""),
        ("/v1.0/communications/calls/{call}/answer", """{"callbackUri":"https://bot.example/cb","acceptedModalities":["audio"],"mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig","preFetchMedia":[{"uri":"https://cdn.contoso.com/a.wav","resourceId":"r"}]}}"""),
        ("/v1.0/communications/calls/{call}/reject", """{"reason":"busy","callbackUri":"https://bot.example/cb"}"""),
        ("/v1.0/communications/calls/{call}/recordResponse", $$"""{"prompts":[{{Prompt}}],"bargeInAllowed":true,"initialSilenceTimeoutInSeconds":5,"maxSilenceTimeoutInSeconds":2,"maxRecordDurationInSeconds":10,"playBeep":true,"stopTones":["#","1"],"clientContext":"c"}"""),
        ("/beta/communications/calls/{call}/record", $$"""{"prompts":[{{Prompt}}],"playBeep":false,"stopTones":["*"],"clientContext":"c"}"""),
        ("/v1.0/communications/calls/{call}/playPrompt", $$"""{"prompts":[{{Prompt}},{{Prompt}}],"clientContext":"c"}"""),
        ("/v1.0/communications/calls/{call}/cancelMediaProcessing", """{"clientContext":"c"}"""),
        ("/v1.0/communications/calls/{call}/subscribeToTone", """{"clientContext":"c"}"""),
        ("/hark/v1/simulator/calls", """{"to":"+19999","from":"+15550100","script":[{"silence":1.5},{"dtmf":"12#","mode":"rfc4733","durationMs":100},{"waitFor":"beep","timeoutSeconds":3},{"hangup":true}]}"""),
    ];

    private static readonly byte[][] BadUtf8 =
    [
        [0xFF], [0xC0, 0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xF0, 0x9F, 0x98],
    ];

    private static readonly string[] BadEscapes = ["\\ud800", "\\udfff", "\\ud800\\u0041", "\\udc00\\ud800", "\\u0000", "\\uZZZZ", "\\x41"];

    private static readonly string[] Values =
    [
        "1", "-1", "0", "1.5", "1e400", "-1e400", "2147483648", "-9223372036854775809", "true", "false", "null", "[]", "{}",
        "\"\"", "\"x\"", "[1]", "[null]", "[{}]", "{\"a\":1}", "\"" + new string('x', 100_000) + "\"",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "text/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/json; charset=latin1", "application/jsonx", "application/octet-stream",
        "image/png", "a/b/c", ";;;", "application/", "*/*",
    ];

    public static IEnumerable<BadRequest> All(string callId)
    {
        foreach (var (template, valid) in Routes)
        {
            var path = template.Replace("{call}", callId, StringComparison.Ordinal);
            foreach (var body in Mutations(valid))
            {
                yield return new BadRequest(path, body, "application/json");
            }

            foreach (var type in ContentTypes)
            {
                yield return new BadRequest(path, Encoding.UTF8.GetBytes(valid), type);
            }
        }
    }

    /// <summary>Targets an outgoing call must refuse before it exists.</summary>
    public static IEnumerable<string> BadTargets() =>
    [
        "sip:alice@example.com?Subject=x", "sip:alice@example.com?X-Evil=1&Route=%3Csip:evil%3E", "+1555\r\nX-Evil: 1", "+1555\n",
        "+1555\0", "sip:alice@host\r\nVia: x", new string('1', 1_000_000), new string('1', 257), "sip:" + new string('a', 300),
        "sips:alice@example.com", "tel:+15551234", "sip:", "sip:@host", "sip:alice@", "sip:alice:secret@host", "sip:alice@host:0",
        "sip:alice@host:70000", "sip:alice@host:", "sip:alice@[zz]", "sip:alice@host;", "sip:alice@host;=x", "sip:alice@host;a=",
        "sip:a b@host", "alice@host", "+1 555", "+1555;phone-context=x", "sip:alice@.host", "sip:alice@ho st", "sip:alice@höst",
        "\u2028", "sip:alice@host>", "sip:<alice@host>", "#", "sip:a#b@host",
    ];

    private static IEnumerable<byte[]> Mutations(string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        var strings = StringStarts(valid);

        // Invalid UTF-8 and escaped surrogates just inside every string (values and property names).
        foreach (var at in strings)
        {
            foreach (var bad in BadUtf8)
            {
                yield return [.. bytes.AsSpan(0, at + 1), .. bad, .. bytes.AsSpan(at + 1)];
            }

            foreach (var escape in BadEscapes)
            {
                yield return Encoding.UTF8.GetBytes(valid[..(at + 1)] + escape + valid[(at + 1)..]);
            }
        }

        // Every value after a ':' swapped for every kind of JSON value.
        foreach (var (start, end) in ValueSpans(valid))
        {
            foreach (var value in Values)
            {
                yield return Encoding.UTF8.GetBytes(valid[..start] + value + valid[end..]);
            }
        }

        // Nesting, framing and size.
        foreach (var depth in new[] { 31, 33, 64, 65, 1_000, 100_000 })
        {
            yield return Encoding.UTF8.GetBytes(valid[..^1] + ",\"deep\":" + new string('[', depth) + new string(']', depth) + "}");
            yield return Encoding.UTF8.GetBytes(valid[..^1] + ",\"deep\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + "}");
        }

        yield return [];
        yield return "   "u8.ToArray();
        yield return "null"u8.ToArray();
        yield return "[]"u8.ToArray();
        yield return "42"u8.ToArray();
        yield return "\"x\""u8.ToArray();
        yield return [0xEF, 0xBB, 0xBF, .. bytes];
        yield return [.. bytes, (byte)'x'];
        yield return [.. bytes, (byte)'{'];
        yield return bytes[..^1];
        yield return bytes[..(bytes.Length / 2)];
        yield return Encoding.UTF8.GetBytes(valid + valid);
        yield return Encoding.UTF8.GetBytes(valid.Replace("\"", "'", StringComparison.Ordinal));
        yield return Encoding.UTF8.GetBytes(valid[..^1] + ",\"clientContext\":\"dup\",\"clientContext\":\"dup\"}");
        yield return Encoding.UTF8.GetBytes(valid[..^1] + ",\"big\":\"" + new string('b', 9 * 1024 * 1024) + "\"}");
        yield return Encoding.Unicode.GetBytes(valid);
        yield return [0, 0, 0, 0];
        yield return Encoding.UTF8.GetBytes("{\"a\":1,}");
        yield return Encoding.UTF8.GetBytes("{/*c*/}");
    }

    // Index of the opening quote of every string token.
    private static List<int> StringStarts(string json)
    {
        var starts = new List<int>();
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == '\\' && inString)
            {
                i++;
            }
            else if (json[i] == '"')
            {
                if (!inString)
                {
                    starts.Add(i);
                }

                inString = !inString;
            }
        }

        return starts;
    }

    // [start, end) of every scalar, array or object value that follows a ':' (outside strings).
    private static List<(int Start, int End)> ValueSpans(string json)
    {
        var spans = new List<(int, int)>();
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c == ':')
            {
                spans.Add((i + 1, ValueEnd(json, i + 1)));
            }
        }

        return spans;
    }

    private static int ValueEnd(string json, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    if (depth == 0)
                    {
                        return i;
                    }

                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }

                    break;
                case ',' when depth == 0:
                    return i;
            }
        }

        return json.Length;
    }
}

/// <summary>One request of the matrix.</summary>
internal sealed record BadRequest(string Path, byte[] Body, string ContentType);
