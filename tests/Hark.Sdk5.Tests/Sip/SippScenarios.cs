using Hark.Testing;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>The scenario files and audio in tests/data/sipp (see the comment at the top of each file).</summary>
internal static class SippScenarios
{
    /// <summary>tests/data/sipp.</summary>
    public static string Directory { get; } = RepositoryPaths.TestData("sipp");

    /// <summary>Caller offers PCMU, PCMA, telephone-event (20 ms); speech then '#'; waits for Hark's BYE.</summary>
    public static string UacRecord => File("uac-record.xml");

    /// <summary><see cref="UacRecord"/> offering PCMA first, PCMA audio.</summary>
    public static string UacRecordPcma => File("uac-record-pcma.xml");

    /// <summary><see cref="UacRecord"/> with a=ptime:30 and 30 ms packets.</summary>
    public static string UacRecordPtime30 => File("uac-record-ptime30.xml");

    /// <summary><see cref="UacRecord"/> offering PCMA first, 30 ms packets.</summary>
    public static string UacRecordPcmaPtime30 => File("uac-record-pcma-ptime30.xml");

    /// <summary>Caller offers PCMU only, no telephone-event; silence, speech, then '#' in-band; waits for Hark's BYE.</summary>
    public static string UacRecordInband => File("uac-record-inband.xml");

    /// <summary>Caller sends BYE 1.2 s into the speech (no '#').</summary>
    public static string UacRecordCallerHangsUp => File("uac-record-caller-hangs-up.xml");

    /// <summary>Caller talks (no '#') and waits for Hark's BYE.</summary>
    public static string UacHarkHangsUp => File("uac-hark-hangs-up.xml");

    /// <summary>INVITE, 180, CANCEL; expects 200 and 487.</summary>
    public static string UacCancel => File("uac-cancel.xml");

    /// <summary>INVITE; expects 486, 603 or 480.</summary>
    public static string UacRejected => File("uac-rejected.xml");

    /// <summary>INVITE; expects 302 (the bot's redirect), ACKs it.</summary>
    public static string UacRedirected => File("uac-redirected.xml");

    /// <summary>Talks, takes Hark's REFER with 202, NOTIFYs 100 Trying then -key final ("200 OK", "486 Busy Here"); waits for Hark's BYE.</summary>
    public static string UacTransfer => File("uac-transfer.xml");

    /// <summary>Talks, answers Hark's REFER 603 Decline; waits for Hark's BYE.</summary>
    public static string UacTransferRefused => File("uac-transfer-refused.xml");

    /// <summary>PCMU and telephone-event with the media at 127.0.0.1 -key rtp_sink; sends no RTP; waits for Hark's BYE.</summary>
    public static string UacDtmfSink => File("uac-dtmf-sink.xml");

    /// <summary><see cref="UacDtmfSink"/> with PCMU only (no telephone-event).</summary>
    public static string UacDtmfSinkInband => File("uac-dtmf-sink-inband.xml");

    /// <summary><see cref="UacRecord"/> for -m 50 -l 50 load.</summary>
    public static string UacConcurrent => File("uac-concurrent.xml");

    /// <summary>Callee answers PCMU, talks 2 s, waits for Hark's BYE.</summary>
    public static string UasAnswer => File("uas-answer.xml");

    /// <summary>Callee answers, talks 2 s, sends BYE: Hark's stand-in in the self-tests.</summary>
    public static string UasAnswerHangsUp => File("uas-answer-hangs-up.xml");

    /// <summary>Callee answers 486 Busy Here.</summary>
    public static string UasBusy => File("uas-busy.xml");

    /// <summary>Callee rings until CANCEL, then 487.</summary>
    public static string UasNoAnswer => File("uas-no-answer.xml");

    /// <summary>Self-test callee whose SDP points the caller's RTP at -key rtp_sink_host / rtp_sink_port.</summary>
    public static string SelfTestRtpSink => File("selftest-uas-rtp-sink.xml");

    /// <summary>The 2.00 s, 8 kHz, 16-bit mono speech every pcap carries: what Hark's recordings must match.</summary>
    public static string ReferenceWav => File("speech-8k.wav");

    /// <summary>The speech in PCMU, 20 ms, then RFC 4733 '#' (PT 101): what <see cref="UacRecord"/> sends.</summary>
    public static string SpeechPoundPcmu => File("speech-pound-pcmu.pcap");

    /// <summary>As <see cref="SpeechPoundPcmu"/> in PCMA (PT 8).</summary>
    public static string SpeechPoundPcma => File("speech-pound-pcma.pcap");

    /// <summary>As <see cref="SpeechPoundPcmu"/> with 30 ms packets.</summary>
    public static string SpeechPoundPcmu30 => File("speech-pound-pcmu-30ms.pcap");

    /// <summary>As <see cref="SpeechPoundPcma"/> with 30 ms packets.</summary>
    public static string SpeechPoundPcma30 => File("speech-pound-pcma-30ms.pcap");

    /// <summary>
    /// PCMU, 20 ms, audio only: 1.5 s of silence, the speech, 0.2 s of silence, '#' as 941 Hz + 1477 Hz for
    /// 180 ms at -10 dBm0 each, 0.5 s of silence: what <see cref="UacRecordInband"/> sends.
    /// </summary>
    public static string SpeechPoundInbandPcmu => File("speech-pound-inband-pcmu.pcap");

    /// <summary>The speech in PCMU, 20 ms, no key.</summary>
    public static string SpeechPcmu => File("speech-pcmu.pcap");

    private static string File(string name) => Path.Combine(Directory, name);
}
