using System.Net;
using System.Net.Sockets;

namespace Hark.Integration.Harness;

/// <summary>A loopback port free right now, for a server that must be named before it starts.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
