using Hark.Integration.Harness;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>A host with a SIP trunk configured (nothing listens there): numbers a bot sends a caller to go through it.</summary>
public sealed class TrunkedHarkFixture : HarkFixture
{
    /// <summary>The trunk's address, as it appears in the SIP URIs Hark builds for numbers.</summary>
    public const string TrunkHostPort = "127.0.0.1:5999";

    protected override IEnumerable<string> ExtraSettings => [$"--Hark:Sip:Trunk:Uri=sip:{TrunkHostPort}"];
}
