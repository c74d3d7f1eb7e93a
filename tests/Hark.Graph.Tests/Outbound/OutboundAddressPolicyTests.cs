using System.Net;
using Hark.Graph.Outbound;

namespace Hark.Graph.Tests.Outbound;

public sealed class OutboundAddressPolicyTests
{
    private static readonly OutboundOptions Default = new();
    private static readonly OutboundOptions PrivateBlocked = new() { BlockPrivateNetworks = true };

    [Theory]
    // Public addresses: always allowed.
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("1.1.1.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.167.255.255")]
    [InlineData("223.255.255.255")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("fe7f:ffff::1")]
    [InlineData("fec0::1", false)]
    [InlineData("fd00:ec2::253", false)]
    public void IsAllowed_PublicAddress_True(string address, bool evenWithPrivateBlocked = true)
    {
        var ip = IPAddress.Parse(address);

        Assert.True(OutboundAddressPolicy.IsAllowed(ip, Default));
        Assert.Equal(evenWithPrivateBlocked, OutboundAddressPolicy.IsAllowed(ip, PrivateBlocked));
    }

    [Theory]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("169.254.0.0", "link-local")]
    [InlineData("169.254.255.255", "link-local")]
    [InlineData("169.254.170.2", "link-local")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::169.254.169.254", "link-local")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fe80::1%2", "link-local")]
    [InlineData("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "link-local")]
    [InlineData("100.100.100.200", "a cloud metadata address")]
    [InlineData("::ffff:100.100.100.200", "a cloud metadata address")]
    [InlineData("fd00:ec2::254", "a cloud metadata address")]
    [InlineData("fd20:ce::254", "a cloud metadata address")]
    [InlineData("168.63.129.16", "a cloud metadata address")]
    [InlineData("::ffff:168.63.129.16", "a cloud metadata address")]
    public void Refusal_LinkLocalOrMetadata_RefusedWhateverTheOptions(string address, string reason)
    {
        var ip = IPAddress.Parse(address);

        Assert.Equal(reason, OutboundAddressPolicy.Refusal(ip, Default));
        Assert.Equal(reason, OutboundAddressPolicy.Refusal(ip, PrivateBlocked));
    }

    [Theory]
    [InlineData("metadata.google.internal")]
    [InlineData("METADATA.GOOGLE.INTERNAL.")]
    [InlineData("metadata.goog")]
    [InlineData("metadata")]
    [InlineData("instance-data.ec2.internal")]
    public void HostRefusal_MetadataServiceName_Refused(string host) =>
        Assert.Equal("a cloud metadata service", OutboundAddressPolicy.HostRefusal(host));

    [Theory]
    [InlineData("prompts.example.com")]
    [InlineData("metadata.example.com")]
    [InlineData("google.internal")]
    public void HostRefusal_OtherName_Null(string host) => Assert.Null(OutboundAddressPolicy.HostRefusal(host));

    [Theory]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("::ffff:0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("::ffff:224.0.0.251", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("ff05::1:3", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::ffff:255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    public void Refusal_NeverRoutable_RefusedWhateverTheOptions(string address, string reason)
    {
        var ip = IPAddress.Parse(address);

        Assert.Equal(reason, OutboundAddressPolicy.Refusal(ip, Default));
        Assert.Equal(reason, OutboundAddressPolicy.Refusal(ip, PrivateBlocked));
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("10.255.255.255", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.10", "private")]
    [InlineData("100.64.0.1", "private")]
    [InlineData("::ffff:10.1.2.3", "private")]
    [InlineData("::ffff:192.168.0.1", "private")]
    [InlineData("64:ff9b::c0a8:101", "private")]
    [InlineData("fc00::1", "private")]
    [InlineData("fd12:3456:789a::1", "private")]
    public void Refusal_LoopbackOrPrivate_AllowedUnlessBlocked(string address, string reason)
    {
        var ip = IPAddress.Parse(address);

        Assert.True(OutboundAddressPolicy.IsAllowed(ip, Default));
        Assert.Equal(reason, OutboundAddressPolicy.Refusal(ip, PrivateBlocked));
    }
}
