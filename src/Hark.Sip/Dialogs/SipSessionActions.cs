using Hark.Sip.Messages;

namespace Hark.Sip.Dialogs;

/// <summary>Accumulates the decisions of one input; shared by the session machines.</summary>
internal sealed class SipSessionActions
{
    private readonly List<SipSessionAction> _actions = [];

    public IReadOnlyList<SipSessionAction> Result => _actions;

    public void Respond(SipMessage response) =>
        _actions.Add(new SipSessionAction(SipSessionActionKind.SendResponse, response));

    public void Send(SipMessage request) =>
        _actions.Add(new SipSessionAction(SipSessionActionKind.SendRequest, request));

    public void Start(SipSessionTimer timer, TimeSpan delay) =>
        _actions.Add(new SipSessionAction(SipSessionActionKind.StartTimer, Timer: timer, Delay: delay));

    public void Stop(SipSessionTimer timer) =>
        _actions.Add(new SipSessionAction(SipSessionActionKind.StopTimer, Timer: timer));

    public void Report(SipSessionEvent sessionEvent, SipMessage? message = null, int statusCode = 0, string? detail = null) =>
        _actions.Add(new SipSessionAction(SipSessionActionKind.Report, message, Event: sessionEvent, StatusCode: statusCode, Detail: detail));
}
