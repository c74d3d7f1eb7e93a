namespace Hark.Sdp.Tests;

/// <summary>
/// Offers shaped like what real user agents send (written for these tests, not captured), with LF endings;
/// <see cref="Crlf"/> gives the wire form.
/// </summary>
internal static class SampleOffers
{
    // SIPp's uac.xml body with [local_ip], [media_ip] and [media_port]/[auto_media_port] filled in.
    public const string Sipp = """
        v=0
        o=user1 53655765 2353687637 IN IP4 127.0.0.1
        s=-
        c=IN IP4 127.0.0.1
        t=0 0
        m=audio 6000 RTP/AVP 0
        a=rtpmap:0 PCMU/8000

        """;

    // A SIPp scenario sending PCMA in 30 ms packets and RFC 4733 digits.
    public const string SippPcmaPtime30 = """
        v=0
        o=user1 53655765 2353687637 IN IP4 127.0.0.1
        s=-
        c=IN IP4 127.0.0.1
        t=0 0
        m=audio 6002 RTP/AVP 8 101
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=ptime:30

        """;

    public const string Baresip = """
        v=0
        o=- 1930486563 3725196702 IN IP4 192.168.1.10
        s=-
        c=IN IP4 192.168.1.10
        t=0 0
        m=audio 10938 RTP/AVP 96 9 0 8 101
        b=AS:94
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 stereo=1;sprop-stereo=1
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=rtcp-rsize
        a=ptime:20
        a=sendrecv
        a=label:1
        a=ssrc:3129405611 cname:3f6b0bd2-0d9a-4d4c-9f2b-3c1c1f0e8a11

        """;

    // Linphone: session-level ICE credentials, opus first, three telephone-event clock rates, a video line.
    public const string Linphone = """
        v=0
        o=alice 3302 2946 IN IP4 192.168.1.20
        s=Talk
        c=IN IP4 192.168.1.20
        t=0 0
        a=ice-pwd:31ec21eb38b2ec6d36e8dc7b
        a=ice-ufrag:2a4b4f0a
        a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
        a=record:off
        m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 useinbandfec=1
        a=rtpmap:97 speex/16000
        a=fmtp:97 vbr=on
        a=rtpmap:98 speex/8000
        a=fmtp:98 vbr=on
        a=fmtp:18 annexb=yes
        a=rtpmap:101 telephone-event/48000
        a=rtpmap:99 telephone-event/16000
        a=rtpmap:100 telephone-event/8000
        a=fmtp:100 0-16
        a=rtcp:7079
        a=candidate:1 1 UDP 2130706431 192.168.1.20 7078 typ host
        a=candidate:1 2 UDP 2130706430 192.168.1.20 7079 typ host
        a=candidate:2 1 UDP 1694498815 203.0.113.7 41552 typ srflx raddr 192.168.1.20 rport 7078
        a=rtcp-fb:* trr-int 1000
        a=rtcp-fb:* ccm tmmbr
        m=video 9078 RTP/AVP 96 97
        a=rtpmap:96 VP8/90000
        a=rtpmap:97 H264/90000
        a=fmtp:97 profile-level-id=42801F
        a=rtcp:9079
        a=rtcp-fb:* trr-int 1000
        a=rtcp-fb:* ccm fir
        a=rtcp-fb:* nack pli

        """;

    // An old gateway: static payload types only, PCMA preferred, no rtpmap at all.
    public const string StaticOnly = """
        v=0
        o=gw 1 1 IN IP4 10.0.0.5
        s=session
        c=IN IP4 10.0.0.5
        t=0 0
        m=audio 16384 RTP/AVP 8 0 18
        a=ptime:20

        """;

    public const string IPv6 = """
        v=0
        o=bob 2890844526 2890844526 IN IP6 2001:db8::2
        s=-
        c=IN IP6 2001:db8::2
        t=0 0
        m=audio 49170 RTP/AVP 0 101
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16

        """;

    // Browser-style offer: DTLS-SRTP only, so nothing Hark can answer.
    public const string WebRtc = """
        v=0
        o=- 4611731400430051336 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0
        a=msid-semantic: WMS
        m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:abcd
        a=fingerprint:sha-256 12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0
        a=setup:actpass
        a=mid:0
        a=rtcp-mux
        a=rtpmap:111 opus/48000/2
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000

        """;

    // SDES-SRTP stream first, plain RTP/AVP fallback second (best-effort SRTP style).
    public const string SavpThenAvp = """
        v=0
        o=- 20518 0 IN IP4 198.51.100.1
        s=-
        c=IN IP4 198.51.100.1
        t=0 0
        m=audio 40000 RTP/SAVP 0 8
        a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz
        m=audio 40002 RTP/AVP 8 0
        a=rtpmap:8 PCMA/8000

        """;

    public static IEnumerable<string> All => [Sipp, SippPcmaPtime30, Baresip, Linphone, StaticOnly, IPv6, WebRtc, SavpThenAvp];

    public static string Crlf(string lf) => lf.Replace("\n", "\r\n", StringComparison.Ordinal);

    public static SessionDescription Parse(string lf) => SessionDescription.Parse(Crlf(lf));

    public static TheoryData<string> Names() => new(nameof(Sipp), nameof(SippPcmaPtime30), nameof(Baresip), nameof(Linphone),
        nameof(StaticOnly), nameof(IPv6), nameof(WebRtc), nameof(SavpThenAvp));

    public static string ByName(string name) => name switch
    {
        nameof(Sipp) => Sipp,
        nameof(SippPcmaPtime30) => SippPcmaPtime30,
        nameof(Baresip) => Baresip,
        nameof(Linphone) => Linphone,
        nameof(StaticOnly) => StaticOnly,
        nameof(IPv6) => IPv6,
        nameof(WebRtc) => WebRtc,
        nameof(SavpThenAvp) => SavpThenAvp,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
