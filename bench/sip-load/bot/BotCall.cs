using System.Text.Json;

namespace Hark.SipLoadBot;

/// <summary>One call as the bot saw it; times are <see cref="UnixTime"/> seconds. Every change takes the call's lock:
/// the webhook handler and the call's HTTP work run on different threads.</summary>
internal sealed class BotCall(string callId, string caller, double incomingAt)
{
    private readonly Lock _lock = new();
    private double _recordStartedAt;
    private double _completedAt;
    private JsonElement? _operation;
    private string _wavPath = "";
    private string _error = "";
    private bool _finished;

    public string CallId { get; } = callId;

    /// <summary>The operation's completion notification (its resourceData), once it arrived.</summary>
    public JsonElement? Operation
    {
        get
        {
            lock (_lock)
            {
                return _operation;
            }
        }
    }

    /// <summary>Claims the call's recordResponse: false if a repeated 'established' already did.</summary>
    public bool ClaimRecord()
    {
        lock (_lock)
        {
            if (_recordStartedAt != 0)
            {
                return false;
            }

            _recordStartedAt = -1;
            return true;
        }
    }

    public void RecordStarted(double at)
    {
        lock (_lock)
        {
            _recordStartedAt = at;
        }
    }

    /// <summary>The operation's completion arrived: false if one already had.</summary>
    public bool Complete(double at, JsonElement operation)
    {
        lock (_lock)
        {
            if (_completedAt != 0)
            {
                return false;
            }

            _completedAt = at;
            _operation = operation;
            return true;
        }
    }

    /// <summary>The call ended: an error unless its recording had completed (then the download finishes it).</summary>
    public bool Ended(string reason)
    {
        lock (_lock)
        {
            if (_completedAt != 0)
            {
                return false;
            }

            _error = _error.Length > 0 ? _error : reason;
            return true;
        }
    }

    public void Saved(string wavPath)
    {
        lock (_lock)
        {
            _wavPath = wavPath;
        }
    }

    /// <summary>Keeps the first error.</summary>
    public void Fail(string error)
    {
        lock (_lock)
        {
            _error = _error.Length > 0 ? _error : error;
        }
    }

    /// <summary>True the first time only.</summary>
    public bool Finish()
    {
        lock (_lock)
        {
            if (_finished)
            {
                return false;
            }

            _finished = true;
            return true;
        }
    }

    /// <summary>The call as run.py reads it (bot.py's BotCall fields).</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        lock (_lock)
        {
            json.WriteStartObject();
            json.WriteString("call_id", CallId);
            json.WriteString("caller", caller);
            json.WriteNumber("incoming_at", incomingAt);
            json.WriteNumber("record_started_at", _recordStartedAt);
            json.WriteNumber("completed_at", _completedAt);
            json.WritePropertyName("operation");
            if (_operation is { } operation)
            {
                operation.WriteTo(json);
            }
            else
            {
                json.WriteStartObject();
                json.WriteEndObject();
            }

            json.WriteString("wav_path", _wavPath);
            json.WriteString("error", _error);
            json.WriteBoolean("finished", _finished);
            json.WriteEndObject();
        }
    }
}
