using System.Net;
using System.Net.Sockets;
using Hark.Calls.Lifecycle;
using Hark.Calls.Media;
using Hark.Calls.Tests.Media;
using Hark.Media.Codecs;
using Hark.Media.Dtmf;
using Hark.Rtp;
using Hark.Sdp;
using Hark.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hark.Telephony.Tests;

/// <summary>
/// One call's whole media path as a media thread runs it, on a real UDP socket: a tick drains the caller's packets
/// into the jitter buffer, decodes them, runs each frame through the call (VAD, DTMF, the recording's WAV) and sends
/// Hark's frame back as RTP.
/// </summary>
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync.
public class RtpMediaLegTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly Socket _caller = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly TestMeterFactory _meters = new();
    private readonly MediaPacer _pacer;
    private readonly RtpMediaLeg _leg;
    private readonly MemoryRecordingSink _recordings = new();
    private readonly CallActor _actor;
    private readonly EventLog _events = new();
    private readonly RtpOptions _options;
    private Task _run = Task.CompletedTask;

    // Hark:Rtp:SendSilence: every frame Hark processes goes back out, so the whole send path runs on each tick.
    public RtpMediaLegTests()
        : this(new RtpOptions { SendSilence = true })
    {
    }

    protected RtpMediaLegTests(RtpOptions options)
    {
        _options = options;
        _caller.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _caller.ReceiveBufferSize = 1 << 20; // all 300 of Hark's packets wait here until the end of the test
        _pacer = new MediaPacer(_time);
        var factory = new RtpMediaFactory(
            new RtpPortPool(42000, 42999), _pacer, Options.Create(new SipOptions()), Options.Create(options), _time,
            new TelephonyMetrics(_meters, _pacer), NullLogger<RtpMediaLeg>.Instance);
        var port = ((IPEndPoint)_caller.LocalEndPoint!).Port;
        var offer = SessionDescription.Parse(
            $"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {port} RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\n");
        _leg = factory.Answer(offer).Leg!;
        _actor = new CallActor(CallLifecycle.Offer(out var initial), initial, new CallMediaProcessor(8000, _recordings), _events);
    }

    public async Task InitializeAsync()
    {
        _run = _actor.RunAsync(CancellationToken.None);
        await _actor.ExecuteAsync(c => c.Answer()).WaitAsync(Timeout);
        await _actor.ExecuteAsync(c => c.MediaConnected()).WaitAsync(Timeout);
        var record = new RecordRequest { PlayBeep = false, MaxRecordDurationInSeconds = 60, MaxSilenceTimeoutInSeconds = 10, StopTones = [DtmfKey.Pound] };
        Assert.Equal(CallCommandError.None, await _actor.ExecuteMediaAsync(m => m.EnqueueRecord("r", record)).WaitAsync(Timeout));
        _leg.Start(_actor);
    }

    public async Task DisposeAsync()
    {
        await _actor.ExecuteAsync(c => c.RemoteHungUp()).WaitAsync(Timeout);
        await _run.WaitAsync(Timeout);
        await _leg.DisposeAsync();
        _caller.Dispose();
        _pacer.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public void Tick_RecordingCallFiftyPacketsEachWay_ReceiveToWavAndSendBackAllocateNothing()
    {
        var speech = new CallerAudio(8000, 8).Speech(0.5, 7.5).ToPcm16();
        var packet = new byte[12 + 160];
        var sequence = 0;

        // Each round: a second of the caller's audio waits in the socket, then one tick takes it all the way through.
        // The first (unmeasured) round holds the half second of quiet and the speech onset that opens the WAV.
        var allocated = Allocations.Least(() =>
        {
            for (var i = 0; i < 50; i++, sequence++)
            {
                var length = RtpPacketWriter.WriteHeader(packet, new RtpHeader(false, 0, (ushort)sequence, (uint)(sequence * 160), 0xCAFE));
                MuLaw.Encode(speech.AsSpan(sequence * 160, 160), packet.AsSpan(length, 160));
                _caller.SendTo(packet, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, _leg.Port));
            }

            return () => _leg.Tick();
        });

        Assert.Equal(0, allocated);
        Assert.Equal(["r"], _recordings.Opened);
        Assert.Equal(0, _leg.ConcealedFrames);

        // Hark answered as PCMU to where the caller sends from (comfort noise while it records).
        var received = 0;
        var buffer = new byte[1500];
        while (_caller.Poll(0, SelectMode.SelectRead))
        {
            var length = _caller.Receive(buffer);
            Assert.Equal(12 + 160, length);
            Assert.Equal(0, buffer[1] & 0x7F);
            received++;
        }

        Assert.InRange(received, ExpectedPacketsBack.Min, ExpectedPacketsBack.Max);
    }

    [Fact]
    public async Task Tick_PoundAsToneOnACallWithTelephoneEvent_StopsTheRecordingOnlyWhenInBandDtmfIsAlways()
    {
        var audio = new CallerAudio(8000, 1.5).Speech(0.1, 0.6).Dtmf(941, 1477, 0.9, 0.2).ToPcm16();
        var packet = new byte[12 + 160];
        for (var sequence = 0; sequence < audio.Length / 160; sequence++)
        {
            var length = RtpPacketWriter.WriteHeader(packet, new RtpHeader(false, 0, (ushort)sequence, (uint)(sequence * 160), 0xCAFE));
            MuLaw.Encode(audio.AsSpan(sequence * 160, 160), packet.AsSpan(length, 160));
            _caller.SendTo(packet, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, _leg.Port));
        }

        Assert.True(_leg.Tick());
        var pending = -1;
        Assert.Equal(CallCommandError.None, await _actor.ExecuteMediaAsync(m => pending = m.PendingOperations).WaitAsync(Timeout));

        // Auto (the default): the call negotiated telephone-event, so its keys are the events and its audio is not searched.
        Assert.Equal(_options.InBandDtmf == InBandDtmf.Always ? 0 : 1, pending);
        Assert.Equal(["r"], _recordings.Opened);
    }

    /// <summary>Packets Hark sends back over the test's six seconds of ticks: every frame it processed.</summary>
    protected virtual (int Min, int Max) ExpectedPacketsBack => ((6 * 50) - 3, (6 * 50) + 10);

    private sealed class EventLog : ICallEventSink
    {
        public ValueTask OnDecisionAsync(CallDecision decision, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask OnMediaEventAsync(MediaEvent mediaEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}

/// <summary>
/// The same path with Hark's defaults: silence suppression. The call only records (comfort noise, idle), so Hark sends
/// its first packet and then one a second (Hark:Rtp:KeepAliveMilliseconds), still allocating nothing.
/// </summary>
public sealed class RtpMediaLegSilenceSuppressionTests : RtpMediaLegTests
{
    public RtpMediaLegSilenceSuppressionTests()
        : base(new RtpOptions())
    {
    }

    protected override (int Min, int Max) ExpectedPacketsBack => (5, 8);
}

/// <summary>Hark:Rtp:InBandDtmf=Always: tones in the audio count as keys even on a call that negotiated telephone-event.</summary>
public sealed class RtpMediaLegInBandDtmfAlwaysTests : RtpMediaLegTests
{
    public RtpMediaLegInBandDtmfAlwaysTests()
        : base(new RtpOptions { InBandDtmf = InBandDtmf.Always })
    {
    }

    protected override (int Min, int Max) ExpectedPacketsBack => (5, 8);
}
