namespace Hark.Sdk5.Tests.Sip;

/// <summary>One SIPp run: what to play, against whom, how many calls. Unset ports are chosen free.</summary>
internal sealed record SippOptions
{
    /// <summary>A scenario file (-sf), usually one of <see cref="SippScenarios"/>; or null with <see cref="BuiltIn"/>.</summary>
    public string? Scenario { get; init; }

    /// <summary>One of SIPp's embedded scenarios (-sn), such as "uas" or "uac".</summary>
    public string? BuiltIn { get; init; }

    /// <summary>Where the calls go, "host:port"; null for a UAS that waits for calls.</summary>
    public string? Remote { get; init; }

    /// <summary>The Request-URI user, [service] in the scenarios (-s): the number the caller dials.</summary>
    public string Service { get; init; } = "service";

    /// <summary>The address for SIP, Via and Contact (-i).</summary>
    public string LocalAddress { get; init; } = "127.0.0.1";

    /// <summary>The address in the SDP and for RTP (-mi); defaults to <see cref="LocalAddress"/>.</summary>
    public string? MediaAddress { get; init; }

    /// <summary>The SIP port (-p); 0 picks a free one, reported in <see cref="SippProcess.LocalPort"/>.</summary>
    public int LocalPort { get; init; }

    /// <summary>The first media port (-mp); 0 picks a free block wide enough for the concurrent calls.</summary>
    public int MediaPort { get; init; }

    /// <summary>-t.</summary>
    public SippTransport Transport { get; init; } = SippTransport.Udp;

    /// <summary>Calls to process before exiting (-m).</summary>
    public int Calls { get; init; } = 1;

    /// <summary>Most calls at once (-l); null leaves SIPp's default (3 x rate x call length).</summary>
    public int? Limit { get; init; }

    /// <summary>New calls per <see cref="RatePeriod"/> (-r); null leaves SIPp's 10.</summary>
    public double? Rate { get; init; }

    /// <summary>-rp; null leaves SIPp's 1 s.</summary>
    public TimeSpan? RatePeriod { get; init; }

    /// <summary>The whole run (-timeout, with -timeout_error so running out counts as failure).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait for any one expected message (-recv_timeout); null waits until <see cref="Timeout"/>.</summary>
    public TimeSpan? ReceiveTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Extra [keyword]s for the scenario (-key name value).</summary>
    public IReadOnlyDictionary<string, string> Keys { get; init; } = new Dictionary<string, string>();

    /// <summary>Global [$variable]s for the scenario (-set name value).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>Writes every message sent and received to the run's folder (-trace_msg): for debugging.</summary>
    public bool TraceMessages { get; init; }

    /// <summary>Anything else, passed as is after the options above.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
