using System.Text.Json;
using Hark.Calls.Lifecycle;
using Hark.Calls.Simulation;
using Hark.Media.Dtmf;
using Hark.Telephony;

namespace Hark.Host.Simulator;

/// <summary>
/// A scripted caller connected through the same seam as RTP: the call's transport. Once the bot answers, one of the
/// <see cref="MediaPacer"/>'s shards ticks it every 20 ms: the script says its next frame, the call's media processes it
/// inline and Hark's answer is what the caller hears next; RFC 4733 key presses go in as out-of-band key events.
/// </summary>
/// <remarks>
/// The caller and Hark share one clock and one thread: a frame is said and answered in the same tick, so what the
/// caller heard is exactly what Hark sent, in step with what it said, however late the machine runs.
/// </remarks>
internal sealed class VirtualCall : ICallTransport, IPacedSession
{
    private const int FrameSamples = 160;

    private readonly Lock _gate = new();
    private readonly VirtualCallerEngine _engine;
    private readonly MediaPacer _pacer;
    private readonly short[] _heard = new short[FrameSamples];
    private readonly short[] _said = new short[FrameSamples];
    private readonly List<VirtualCallEvent> _events = [];
    private CallActor? _actor;

    public VirtualCall(string id, SimulatorScript script, MediaPacer pacer, TimeProvider time, string applicationId = "", int maxHeardSeconds = SimulatorOptions.DefaultMaxHeardSeconds)
    {
        Id = id;
        ApplicationId = applicationId;
        _engine = new VirtualCallerEngine(script, 8000);
        _engine.HeardSamples.MaxSamples = maxHeardSeconds * 8000L;
        _pacer = pacer;
        CreatedAt = time.GetUtcNow();
    }

    public string Id { get; }

    /// <summary>The application that placed it; only that application sees it.</summary>
    public string ApplicationId { get; }

    public string CallId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; }

    /// <summary>ringing, connected or ended.</summary>
    public string State { get; private set; } = "ringing";

    public void Attach(CallActor actor) => _actor = actor;

    public void Execute(TransportDecision decision)
    {
        switch (decision.Action)
        {
            case TransportAction.Accept:
                lock (_gate)
                {
                    State = "connected";
                    _events.Add(new VirtualCallEvent("answered", null, 0));
                }

                Post(c => c.MediaConnected());
                _pacer.Add(this);
                break;
            case TransportAction.Reject:
                End(decision.TimedOut ? "the application did not answer in time" : "rejected by the application");
                break;
            case TransportAction.HangUp:
                End("hung up by the application");
                Post(c => c.HangUpCompleted());
                break;
            case TransportAction.Dial:
                Post(c => c.DialFailed(DialFailure.Unreachable));
                break;
            case TransportAction.Redirect:
                // The caller's phone would now ring the targets; the virtual caller notes where it was sent and leaves.
                Note("redirected", string.Join(", ", decision.Targets!));
                End("redirected by the application");
                break;
            case TransportAction.Transfer:
                // A virtual caller always takes a blind transfer and reaches the target: accepted, then completed.
                Note("transferred", decision.Targets![0]);
                End("transferred by the application");
                Post(c => c.TransferAccepted());
                Post(c => c.TransferCompleted());
                break;
        }
    }

    private void Note(string kind, string target)
    {
        lock (_gate)
        {
            _events.Add(new VirtualCallEvent(kind, null, _engine.Position / 8000.0, Reason: target));
        }
    }

    public bool Tick()
    {
        var hungUp = false;
        lock (_gate)
        {
            if (State != "connected")
            {
                return false;
            }

            _engine.Step(_heard, _said);
            if (!_actor!.ProcessFrame(_said, _heard))
            {
                Array.Clear(_heard);
            }

            while (_engine.TryRead(out var e))
            {
                _events.Add(ToView(e));
                if (e.Kind == SimulatorEventKind.KeyPressed && e.Mode == DtmfMode.Rfc4733)
                {
                    _actor.ProcessKey(e.Key, e.Sample);
                }
                else if (e.Kind == SimulatorEventKind.HangUp)
                {
                    hungUp = true;
                }
            }
        }

        if (hungUp)
        {
            HangUp("the script hung up");
            return false;
        }

        return true;
    }

    /// <summary>The caller hangs up (DELETE, or the script's hangup step).</summary>
    public void HangUp(string reason = "hung up through the simulator API")
    {
        if (End(reason))
        {
            Post(c => c.RemoteHungUp());
        }
    }

    /// <summary>Everything heard so far as a 16 kHz mono PCM16 WAV.</summary>
    public byte[] HeardWav()
    {
        using var buffer = new MemoryStream();
        lock (_gate)
        {
            _engine.WriteHeardWav(buffer);
        }

        return buffer.ToArray();
    }

    public void WriteStatus(Utf8JsonWriter json)
    {
        lock (_gate)
        {
            json.WriteStartObject();
            json.WriteString("id", Id);
            json.WriteString("callId", CallId);
            json.WriteString("state", State);
            json.WriteString("createdAt", CreatedAt);
            json.WriteString("script", JsonNamingPolicy.CamelCase.ConvertName(_engine.State.ToString()));
            json.WriteNumber("heardSeconds", _engine.Position / 8000.0);
            json.WriteStartArray("events");
            foreach (var e in _events)
            {
                json.WriteStartObject();
                json.WriteString("kind", e.Kind);
                if (e.Step is { } step)
                {
                    json.WriteNumber("step", step);
                }

                json.WriteNumber("atSeconds", Math.Round(e.AtSeconds, 4));
                WriteIfSet(json, "key", e.Key);
                WriteIfSet(json, "mode", e.Mode);
                WriteIfSet(json, "reason", e.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private bool End(string reason)
    {
        lock (_gate)
        {
            if (State == "ended")
            {
                return false;
            }

            State = "ended";
            _events.Add(new VirtualCallEvent("ended", null, _engine.Position / 8000.0, Reason: reason));
        }

        _pacer.Remove(this);
        return true;
    }

    private static VirtualCallEvent ToView(SimulatorEvent e) => new(
        JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()),
        e.StepIndex >= 0 ? e.StepIndex : null,
        e.Sample / 8000.0,
        e.Kind == SimulatorEventKind.KeyPressed ? e.Key.ToChar().ToString() : null,
        e.Kind == SimulatorEventKind.KeyPressed ? JsonNamingPolicy.CamelCase.ConvertName(e.Mode.ToString()) : null,
        e.Reason);

    private void Post(Func<CallLifecycle, CallTransition> command)
    {
        if (_actor is { } actor)
        {
            actor.ExecuteAsync(command).Forget();
        }
    }
}
