using System.Globalization;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>What the kernel says is bound (/proc/net/udp, /proc/net/tcp and their v6 twins), for leak checks.</summary>
internal static class BoundSockets
{
    /// <summary>UDP sockets bound to a local port in [min, max].</summary>
    public static int Udp(int min, int max) =>
        Rows("udp").Count(r => r.LocalPort >= min && r.LocalPort <= max);

    /// <summary>TCP sockets whose local port is <paramref name="port"/> in state ESTABLISHED: a server's accepted connections.</summary>
    public static int TcpEstablishedAt(int port) =>
        Rows("tcp").Count(r => r.LocalPort == port && r.State == 0x01);

    /// <summary>File descriptors this process holds.</summary>
    public static int Descriptors() => Directory.GetFiles("/proc/self/fd").Length;

    private static IEnumerable<(int LocalPort, int State)> Rows(string protocol)
    {
        foreach (var file in new[] { $"/proc/net/{protocol}", $"/proc/net/{protocol}6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file).Skip(1))
            {
                // "  sl  local_address rem_address   st ...": local is ADDR:PORT in hex.
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1];
                yield return (int.Parse(local[(local.IndexOf(':', StringComparison.Ordinal) + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }
    }
}
