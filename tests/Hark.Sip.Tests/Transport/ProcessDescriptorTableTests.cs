using System.Globalization;
using System.Net.Sockets;
using Hark.Sip.Transport;

namespace Hark.Sip.Tests.Transport;

[Collection(DescriptorCountingCollection.Name)]
public class ProcessDescriptorTableTests
{
    [Fact]
    public void SoftLimit_Linux_WhatProcSelfLimitsSays()
    {
        var line = File.ReadLines("/proc/self/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = long.Parse(line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);

        Assert.Equal(soft, ProcessDescriptorTable.Instance.SoftLimit());
    }

    [Fact]
    public void CountOpen_TwoHundredSocketsOpenedThenClosed_CountRisesAndFallsByThem()
    {
        var table = ProcessDescriptorTable.Instance;
        var limit = table.SoftLimit()!.Value;
        var before = table.CountOpen(limit)!.Value;
        var listed = Directory.GetFiles("/proc/self/fd").Length - 1;
        var sockets = Enumerable.Range(0, 200).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)).ToList();
        var during = table.CountOpen(limit)!.Value;
        sockets.ForEach(s => s.Dispose());
        var after = table.CountOpen(limit)!.Value;

        // The runtime's own threads may open or close a descriptor meanwhile (a thread start takes two, briefly).
        Assert.InRange(before, listed - 4, listed + 4);
        Assert.InRange(during - before, 196, 204);
        Assert.InRange(after, before - 4, before + 4);
    }
}
