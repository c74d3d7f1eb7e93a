using System.Globalization;
using Hark.Sip.Messages;

namespace Hark.Sip.Dialogs;

/// <summary>
/// Hark's side of one blind transfer in an established dialog (RFC 3515, RFC 5589 §6): the REFER with its Refer-To, the
/// implicit subscription it creates, and the peer's NOTIFYs whose <c>message/sipfrag</c> bodies report how the call to the
/// target goes. Reports <see cref="SipSessionEvent.TransferAccepted"/> on the REFER's 2xx, then exactly one of
/// <see cref="SipSessionEvent.TransferSucceeded"/> or <see cref="SipSessionEvent.TransferFailed"/>. Pure: decisions out.
/// </summary>
internal sealed class ReferClientUsage
{
    private readonly SipMessage _refer;
    private bool _accepted;

    private ReferClientUsage(SipMessage refer) => _refer = refer;

    /// <summary>True once the outcome (success or failure) was reported; later NOTIFYs are only answered.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Sends a REFER to <paramref name="referTo"/> in <paramref name="dialog"/> and starts the transfer's deadline.</summary>
    public static ReferClientUsage Start(SipSessionActions actions, SipDialog dialog, SipSessionMessages messages, string referTo, TimeSpan timeout)
    {
        var headers = messages.RequestHeaders(
            contact: true,
            sdp: false,
            [
                new SipHeader(SipHeaderNames.ReferTo, "<" + referTo + ">"),
                new SipHeader(SipHeaderNames.ReferredBy, "<" + messages.Settings.Contact + ">"),
            ]);
        var refer = dialog.CreateRequest(SipMethods.Refer, messages.NewVia(), headers);
        actions.Send(refer);
        actions.Start(SipSessionTimer.TransferTimeout, timeout);
        return new ReferClientUsage(refer);
    }

    /// <summary>True when <paramref name="message"/> (a response, or a request Hark sent) is this usage's REFER.</summary>
    public bool IsRefer(SipMessage message) => message.CSeq.Method == SipMethods.Refer && message.CSeq.Number == _refer.CSeq.Number;

    /// <summary>A response to the REFER: 2xx accepts the transfer, 3xx–6xx refuses it (the dialog goes on).</summary>
    public void OnResponse(SipSessionActions actions, SipMessage response)
    {
        if (IsFinished || response.StatusCode < 200)
        {
            return;
        }

        if (response.StatusCode < 300)
        {
            Accept(actions);
        }
        else
        {
            Fail(actions, response.StatusCode, $"The far end refused the transfer (REFER answered {Describe(response.StatusCode, response.ReasonPhrase)}).");
        }
    }

    /// <summary>The REFER got no response at all.</summary>
    public void OnTimeout(SipSessionActions actions) =>
        Fail(actions, 408, "The far end did not answer the transfer request (REFER timed out).");

    /// <summary>The transfer's deadline passed without a final NOTIFY.</summary>
    public void OnDeadline(SipSessionActions actions) =>
        Fail(actions, 408, "The transfer did not complete in time (no final NOTIFY).");

    /// <summary>
    /// A NOTIFY in the dialog: answered 200 when it is for the refer event package (489 otherwise, RFC 6665 §4.1.3), then
    /// its sipfrag read: 1xx is progress, 2xx success, 3xx–6xx failure; a terminated subscription without a final status fails.
    /// </summary>
    public void OnNotify(SipSessionActions actions, SipSessionMessages messages, SipMessage notify)
    {
        if (!IsReferEvent(notify.GetHeader(SipHeaderNames.Event)))
        {
            actions.Respond(messages.Response(notify, 489));
            return;
        }

        actions.Respond(messages.Response(notify, 200));
        if (IsFinished)
        {
            return;
        }

        // RFC 3515 §2.4.4: a NOTIFY may overtake the REFER's 2xx; it shows the REFER was accepted.
        Accept(actions);
        var isSipfrag = notify.ContentType?.Split(';')[0].Trim().Equals(SipFragment.ContentType, StringComparison.OrdinalIgnoreCase) == true;
        if (isSipfrag && SipFragment.TryReadStatus(notify.Body.Span, out var status, out var reason) && status >= 200)
        {
            if (status < 300)
            {
                Finish(actions, SipSessionEvent.TransferSucceeded, status, null);
            }
            else
            {
                Fail(actions, status, $"The transfer target could not be reached ({Describe(status, reason)}).");
            }

            return;
        }

        var state = notify.GetHeader(SipHeaderNames.SubscriptionState);
        if (state is not null && state.Split(';')[0].Trim().Equals("terminated", StringComparison.OrdinalIgnoreCase))
        {
            Fail(actions, 487, "The far end ended the transfer without a final result.");
        }
    }

    /// <summary>The dialog ended: nothing more is reported, and the deadline stops.</summary>
    public void Abandon(SipSessionActions actions)
    {
        if (!IsFinished)
        {
            IsFinished = true;
            actions.Stop(SipSessionTimer.TransferTimeout);
        }
    }

    private static bool IsReferEvent(string? header) =>
        header is not null && header.Split(';')[0].Trim().Equals("refer", StringComparison.OrdinalIgnoreCase);

    private static string Describe(int status, string reason) =>
        string.IsNullOrWhiteSpace(reason) ? status.ToString(CultureInfo.InvariantCulture) : $"{status.ToString(CultureInfo.InvariantCulture)} {reason}";

    private void Accept(SipSessionActions actions)
    {
        if (!_accepted)
        {
            _accepted = true;
            actions.Report(SipSessionEvent.TransferAccepted);
        }
    }

    private void Fail(SipSessionActions actions, int status, string detail) => Finish(actions, SipSessionEvent.TransferFailed, status, detail);

    private void Finish(SipSessionActions actions, SipSessionEvent outcome, int status, string? detail)
    {
        if (IsFinished)
        {
            return;
        }

        IsFinished = true;
        actions.Stop(SipSessionTimer.TransferTimeout);
        actions.Report(outcome, statusCode: status, detail: detail);
    }
}
