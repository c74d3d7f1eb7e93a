using Hark.Media.Dtmf;
using Hark.Rtp.Events;

namespace Hark.Rtp.Tests.Events;

/// <summary>Builds telephone-event payloads by hand for receiver tests.</summary>
internal static class TelephoneEventPayloads
{
    public static byte[] Of(DtmfKey key, ushort duration, bool end = false) => Of((byte)key, duration, end);

    public static byte[] Of(byte code, ushort duration, bool end = false)
    {
        // event | E R volume(10) | duration, big-endian: built bit by bit, not with the code under test.
        return [code, (byte)((end ? 0x80 : 0x00) | 10), (byte)(duration >> 8), (byte)duration];
    }

    public static List<TelephoneEventResult> ToList(TelephoneEventBatch batch)
    {
        var list = new List<TelephoneEventResult>();
        foreach (var result in batch)
        {
            list.Add(result);
        }

        return list;
    }
}
