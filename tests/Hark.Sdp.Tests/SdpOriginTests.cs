namespace Hark.Sdp.Tests;

public class SdpOriginTests
{
    [Theory]
    [InlineData("1", "2")]
    [InlineData("2946", "2947")]
    [InlineData("9", "10")]
    [InlineData("1999", "2000")]
    [InlineData("18446744073709551615", "18446744073709551616")]
    [InlineData("abc", "1")]
    public void WithNextVersion_DecimalText_Incremented(string version, string expected)
    {
        var origin = new SdpOrigin("-", "1", version, "IN", "IP4", "10.0.0.1");

        Assert.Equal(expected, origin.WithNextVersion().SessionVersion);
    }
}
