using System.Diagnostics.Metrics;
using Hark.Sip.Messages;
using Hark.Sip.Transport;

namespace Hark.Sip.Tests.Transport;

public sealed class SipMetricsTests
{
    [Theory]
    [InlineData("INVITE", "INVITE")]
    [InlineData("BYE", "BYE")]
    [InlineData("FOO", "other")]
    [InlineData("invite", "other")]
    public void MethodTag_PeerChosenMethods_OnlyKnownOnesKeepTheirName(string method, string tag) =>
        Assert.Equal(tag, SipMetrics.MethodTag(method));

    [Fact]
    public void Sent_ResponseWithAStrangeMethodAndCode_CountedUnderBoundedTags()
    {
        var seen = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SipMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            var text = string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
            if (text.Contains("code=486", StringComparison.Ordinal) || text.Contains("method=other", StringComparison.Ordinal))
            {
                lock (seen)
                {
                    seen.Add($"{instrument.Name}:{text}");
                }
            }
        });
        listener.Start();

        SipMetrics.Sent(SipMessage.CreateResponse(486, "Busy Here",
        [
            new SipHeader("Via", "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-1"), new SipHeader("From", "<sip:a@b>;tag=1"), new SipHeader("To", "<sip:c@d>;tag=2"),
            new SipHeader("Call-ID", "x"), new SipHeader("CSeq", "1 FROBNICATE"),
        ]));

        lock (seen)
        {
            Assert.Contains("hark.sip.responses:method=other,code=486,direction=out", seen);
        }
    }
}
