namespace Hark.Sip.Messages;

/// <summary>Typed views of the headers Hark uses, filled by <see cref="Interpret"/>.</summary>
public sealed partial class SipMessage
{
    public IReadOnlyList<SipVia> Vias { get; private set; } = [];

    /// <summary>The first (topmost) Via.</summary>
    public SipVia TopVia => Vias[0];

    public SipNameAddress From { get; private set; } = null!;

    public SipNameAddress To { get; private set; } = null!;

    public string CallId { get; private set; } = string.Empty;

    public SipCSeq CSeq { get; private set; }

    public IReadOnlyList<SipNameAddress> Contacts { get; private set; } = [];

    /// <summary>True for <c>Contact: *</c> (REGISTER removing all bindings).</summary>
    public bool IsContactWildcard { get; private set; }

    public IReadOnlyList<SipNameAddress> Routes { get; private set; } = [];

    public IReadOnlyList<SipNameAddress> RecordRoutes { get; private set; } = [];

    public int? MaxForwards { get; private set; }

    public string? ContentType { get; private set; }

    /// <summary>Expires in seconds; null when absent or out of range (see <see cref="Defects"/>).</summary>
    public uint? Expires { get; private set; }

    public IReadOnlyList<string> Allow { get; private set; } = [];

    public IReadOnlyList<string> Supported { get; private set; } = [];

    public IReadOnlyList<string> Require { get; private set; } = [];

    private void Interpret()
    {
        var vias = new List<SipVia>();
        var contacts = new List<SipNameAddress>();
        var routes = new List<SipNameAddress>();
        var recordRoutes = new List<SipNameAddress>();
        var allow = new List<string>();
        var supported = new List<string>();
        var require = new List<string>();
        var defects = new List<string>();
        bool seenFrom = false, seenTo = false, seenCallId = false, seenCSeq = false, seenMaxForwards = false, seenContentType = false;
        foreach (var (name, value) in Headers)
        {
            switch (name)
            {
                case SipHeaderNames.Via:
                    foreach (var element in SipSyntax.SplitList(value))
                    {
                        vias.Add(element.Length == 0 ? throw Error("empty Via value") : SipVia.Parse(element));
                    }

                    break;
                case SipHeaderNames.From:
                    Once(ref seenFrom, name);
                    From = SipNameAddress.ParseCore(value, name);
                    break;
                case SipHeaderNames.To:
                    Once(ref seenTo, name);
                    To = SipNameAddress.ParseCore(value, name);
                    break;
                case SipHeaderNames.CallId:
                    Once(ref seenCallId, name);
                    CallId = value.Length > 0 && value.AsSpan().IndexOfAny(' ', '\t') < 0 ? value : throw Error("invalid Call-ID");
                    break;
                case SipHeaderNames.CSeq:
                    Once(ref seenCSeq, name);
                    CSeq = ParseCSeq(value);
                    break;
                case SipHeaderNames.Contact:
                    IsContactWildcard |= ReadContacts(value, contacts);
                    break;
                case SipHeaderNames.Route:
                    ReadAddresses(value, routes, name);
                    break;
                case SipHeaderNames.RecordRoute:
                    ReadAddresses(value, recordRoutes, name);
                    break;
                case SipHeaderNames.MaxForwards:
                    Once(ref seenMaxForwards, name);
                    MaxForwards = SipSyntax.TryParseDigits(value, out var hops) && hops <= 255 ? (int)hops : throw Error("invalid Max-Forwards");
                    break;
                case SipHeaderNames.ContentType:
                    Once(ref seenContentType, name);
                    ContentType = value;
                    break;
                case SipHeaderNames.Expires:
                    if (SipSyntax.TryParseDigits(value, out var seconds) && seconds <= uint.MaxValue)
                    {
                        Expires = (uint)seconds;
                    }
                    else
                    {
                        defects.Add("Expires is not a 32-bit delta-seconds value");
                    }

                    break;
                case SipHeaderNames.Allow:
                    ReadTokens(value, allow);
                    break;
                case SipHeaderNames.Supported:
                    ReadTokens(value, supported);
                    break;
                case SipHeaderNames.Require:
                    ReadTokens(value, require);
                    break;
                case SipHeaderNames.Date:
                    if (!value.EndsWith(" GMT", StringComparison.Ordinal))
                    {
                        // RFC 3261 §20.17 allows only GMT (RFC 4475 §3.1.2.12); Hark never needs Date, so flag it.
                        defects.Add("Date is not in GMT");
                    }

                    break;
            }
        }

        if (vias.Count == 0 || !seenFrom || !seenTo || !seenCallId || !seenCSeq)
        {
            throw Error("missing one of Via, From, To, Call-ID, CSeq");
        }

        if (IsRequest)
        {
            if (CSeq.Method != Method)
            {
                throw Error($"CSeq method {CSeq.Method} does not match the request method {Method}");
            }

            RequestSipUri = SipSyntax.IsSipScheme(RequestUri) ? SipUri.Parse(RequestUri) : null;
        }
        else
        {
            Method = CSeq.Method;
        }

        (Vias, Contacts, Routes, RecordRoutes, Allow, Supported, Require, Defects) =
            (vias, contacts, routes, recordRoutes, allow, supported, require, defects);
    }

    private static SipCSeq ParseCSeq(string value)
    {
        var pos = 0;
        while (pos < value.Length && char.IsAsciiDigit(value[pos]))
        {
            pos++;
        }

        if (!SipSyntax.TryParseDigits(value.AsSpan(0, pos), out var number) || number > uint.MaxValue)
        {
            throw Error("CSeq number is not a 32-bit integer");
        }

        var method = value.AsSpan(pos).TrimStart(" \t");
        if (method.Length == value.Length - pos || !SipSyntax.IsToken(method))
        {
            throw Error("invalid CSeq method");
        }

        return new SipCSeq((uint)number, method.ToString());
    }

    private static bool ReadContacts(string value, List<SipNameAddress> contacts)
    {
        var wildcard = false;
        foreach (var element in SipSyntax.SplitList(value))
        {
            if (element == "*")
            {
                wildcard = true;
                continue;
            }

            contacts.Add(element.Length == 0 ? throw Error("empty Contact value") : SipNameAddress.ParseCore(element, SipHeaderNames.Contact));
        }

        return wildcard;
    }

    private static void ReadAddresses(string value, List<SipNameAddress> list, string name)
    {
        foreach (var element in SipSyntax.SplitList(value))
        {
            list.Add(element.Length == 0 ? throw Error($"empty {name} value") : SipNameAddress.ParseCore(element, name));
        }
    }

    private static void ReadTokens(string value, List<string> list)
    {
        foreach (var element in SipSyntax.SplitList(value))
        {
            if (element.Length > 0)
            {
                list.Add(SipSyntax.IsToken(element) ? element : throw Error($"invalid option tag or method '{element}'"));
            }
        }
    }

    private static void Once(ref bool seen, string name)
    {
        if (seen)
        {
            throw Error($"more than one {name}");
        }

        seen = true;
    }

    private static SipParseException Error(string reason) => new(new SipParseError(reason, 400));
}
