using System.Collections.Frozen;

namespace Hark.Sip.Messages;

/// <summary>Canonical header names, and the mapping from any spelling or compact form to them.</summary>
public static class SipHeaderNames
{
    public const string Accept = "Accept";
    public const string Allow = "Allow";
    public const string CallId = "Call-ID";
    public const string Contact = "Contact";
    public const string ContentEncoding = "Content-Encoding";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string CSeq = "CSeq";
    public const string Date = "Date";
    public const string Event = "Event";
    public const string Expires = "Expires";
    public const string From = "From";
    public const string MaxForwards = "Max-Forwards";
    public const string ProxyRequire = "Proxy-Require";
    public const string RecordRoute = "Record-Route";
    public const string ReferTo = "Refer-To";
    public const string ReferredBy = "Referred-By";
    public const string Require = "Require";
    public const string Route = "Route";
    public const string Server = "Server";
    public const string Subject = "Subject";
    public const string SubscriptionState = "Subscription-State";
    public const string Supported = "Supported";
    public const string Timestamp = "Timestamp";
    public const string To = "To";
    public const string Unsupported = "Unsupported";
    public const string UserAgent = "User-Agent";
    public const string Via = "Via";

    private static readonly FrozenDictionary<string, string> Canonical = BuildCanonical();
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CanonicalBySpan =
        Canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The canonical spelling of a known header name or compact form (case-insensitive); unknown names are returned as given.</summary>
    public static string Canonicalize(string name) =>
        Canonical.TryGetValue(name, out var canonical) ? canonical : name;

    /// <summary>As <see cref="Canonicalize(string)"/>, allocating only for names Hark does not know.</summary>
    public static string Canonicalize(ReadOnlySpan<char> name) =>
        CanonicalBySpan.TryGetValue(name, out var canonical) ? canonical : name.ToString();

    private static FrozenDictionary<string, string> BuildCanonical()
    {
        string[] known =
        [
            Accept, Allow, CallId, Contact, ContentEncoding, ContentLength, ContentType, CSeq, Date, Expires, From,
            MaxForwards, ProxyRequire, RecordRoute, Require, Route, Server, Subject, Supported, Timestamp, To,
            Unsupported, UserAgent, Via, "Accept-Encoding", "Accept-Language", "Alert-Info", "Authorization",
            "Call-Info", "Content-Disposition", "Content-Language", "Error-Info", "In-Reply-To", "MIME-Version",
            "Min-Expires", "Organization", "Priority", "Proxy-Authenticate", "Proxy-Authorization", "Reply-To",
            "Retry-After", "Warning", "WWW-Authenticate", "RSeq", "RAck", "Event", "Refer-To", "Session-Expires",
            "Min-SE", "Allow-Events", "Subscription-State", "Identity", ReferredBy,
        ];
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in known)
        {
            map[name] = name;
        }

        // RFC 3261 §7.3.3 compact forms, plus o/u/r/x from the event, refer and timer extensions.
        map["i"] = CallId;
        map["m"] = Contact;
        map["e"] = ContentEncoding;
        map["l"] = ContentLength;
        map["c"] = ContentType;
        map["f"] = From;
        map["s"] = Subject;
        map["k"] = Supported;
        map["t"] = To;
        map["v"] = Via;
        map["o"] = "Event";
        map["u"] = "Allow-Events";
        map["r"] = "Refer-To";
        map["x"] = "Session-Expires";
        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
