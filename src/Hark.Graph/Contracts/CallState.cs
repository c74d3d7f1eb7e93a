using System.Text.Json.Serialization;

namespace Hark.Graph.Contracts;

/// <summary>Graph <c>callState</c>.</summary>
[JsonConverter(typeof(GraphEnumConverter<CallState>))]
public enum CallState
{
    Incoming,
    Establishing,
    Established,
    Hold,
    Transferring,
    TransferAccepted,
    Redirecting,
    Terminating,
    Terminated,
    Ringing,
    UnknownFutureValue,
}
