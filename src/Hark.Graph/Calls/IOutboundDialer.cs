namespace Hark.Graph.Calls;

/// <summary>Makes the transport that places an outgoing call (SIP through the trunk, or directly to a sip: URI).</summary>
public interface IOutboundDialer
{
    /// <summary>A transport that will dial <paramref name="target"/> when the call's lifecycle says so.</summary>
    /// <param name="target">The target's <c>identity.phone.id</c>: an E.164 number, or a <c>sip:</c> URI.</param>
    Hark.Calls.Lifecycle.ICallTransport CreateTransport(string target);

    /// <summary>The call <paramref name="transport"/> carries got its id (the operator's timeline ties its SIP messages to it).</summary>
    void Dialled(Hark.Calls.Lifecycle.ICallTransport transport, string callId)
    {
    }
}
