using System.Net;
using System.Net.Sockets;

namespace Reeve.TestKit;

/// <summary>
/// Starts an <see cref="HttpListener"/> for a local stand-in of an outside service (GOV.UK Notify, GOV.UK Pay) on a
/// free loopback port. HttpListener cannot bind port 0 itself, so a port is found free and then bound; another
/// process can take it in between when many tests start at once, so a failed bind tries another port.
/// </summary>
public static class LoopbackListener
{
    public static Uri Start(HttpListener listener)
    {
        for (var attempt = 1; ; attempt++)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort()}/");
            listener.Prefixes.Clear();
            listener.Prefixes.Add(address.ToString());
            try
            {
                listener.Start();
                return address;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // Taken between the probe and the bind: try another.
            }
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }
}
