using Hark.Sip.Messages;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Sip.Tests.Messages;

public class SipParserAllocationTests(ITestOutputHelper output)
{
    [Fact]
    public void Parse_TypicalInvite_AllocatesModestly()
    {
        var data = TortureVectors.Read("esc01");
        for (var i = 0; i < 50; i++)
        {
            SipMessage.Parse(data, SipFraming.Datagram);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        const int runs = 200;
        for (var i = 0; i < runs; i++)
        {
            SipMessage.Parse(data, SipFraming.Datagram);
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var perMessage = (GC.GetAllocatedBytesForCurrentThread() - before) / runs;
        output.WriteLine($"esc01 ({data.Length} octets): {perMessage} bytes allocated, {elapsed.TotalMicroseconds / runs:F1} µs per parse");

        // A ~550-octet INVITE: header strings, typed headers and a body copy, a few times the message size.
        Assert.InRange(perMessage, 1, 16 * 1024);
    }

    [Fact]
    public void TryWrite_BuiltMessage_AllocatesNothing()
    {
        var message = SipMessage.Parse(TortureVectors.Read("esc01"), SipFraming.Datagram);
        var buffer = new byte[SipMessageWriter.GetByteCount(message)];

        var allocated = Allocations.Least(() => SipMessageWriter.TryWrite(message, buffer, out _));

        Assert.Equal(0, allocated);
    }
}
