namespace Hark.Sip.Dialogs;

/// <summary>
/// How an outgoing call's final failure response maps to an outcome: 486/600 busy; 480/408 no answer;
/// 403/603/606/607 declined; every other 3xx–6xx (404, 410, 484, 5xx, an unanswered 401/407, ...) unreachable.
/// </summary>
public static class SipCallOutcome
{
    public static SipSessionEvent ForStatus(int statusCode) => statusCode switch
    {
        486 or 600 => SipSessionEvent.Busy,
        480 or 408 => SipSessionEvent.NoAnswer,
        403 or 603 or 606 or 607 => SipSessionEvent.Declined,
        _ => SipSessionEvent.Unreachable,
    };
}
