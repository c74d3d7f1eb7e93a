using Hark.Sip.Dialogs;

namespace Hark.Sip.Tests.Dialogs;

public class DigestAuthenticationTests
{
    [Fact]
    public void CreateAuthorization_Rfc2617WorkedExample_GivesTheRfcResponse()
    {
        // RFC 2617 §3.5.
        const string challenge =
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
            + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

        var authorization = DigestAuthentication.CreateAuthorization(challenge, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", "0a4f113b", 1);

        Assert.Equal(
            "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
            + "uri=\"/dir/index.html\", response=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\", qop=auth, nc=00000001, "
            + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
            authorization);
    }

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void CreateAuthorization_Rfc7616Examples_GiveTheRfcResponses(string algorithm, string expected)
    {
        // RFC 7616 §3.9.1.
        var challenge =
            $"Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm={algorithm}, "
            + "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

        var authorization = DigestAuthentication.CreateAuthorization(
            challenge, "GET", "/dir/index.html", "Mufasa", "Circle of Life", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1);

        Assert.Contains($"response=\"{expected}\"", authorization, StringComparison.Ordinal);
        Assert.Contains($"algorithm={algorithm}", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAuthorization_NoQop_UsesTheRfc2069Form()
    {
        var challenge = "Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"";

        var authorization = DigestAuthentication.CreateAuthorization(challenge, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", "0a4f113b", 1);

        // MD5(MD5(user:realm:pass):nonce:MD5(method:uri)) computed outside the code under test (Python hashlib); also the RFC 2069 example value.
        Assert.Contains("response=\"670fd8c2df070c60b045671b8b24ff02\"", authorization, StringComparison.Ordinal);
        Assert.DoesNotContain("qop", authorization, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Basic realm=\"x\"", false)]
    [InlineData("Digest realm=\"x\"", false)]
    [InlineData("Digest realm=\"a\\\"b\", nonce=n1, stale=TRUE", true)]
    public void TryParse_Challenge_ReadsDigestParameters(string value, bool ok)
    {
        Assert.Equal(ok, DigestChallenge.TryParse(value, out var challenge));
        if (ok)
        {
            Assert.Equal(("a\"b", "n1", true), (challenge!.Realm, challenge.Nonce, challenge.Stale));
        }
    }

    [Theory]
    [InlineData("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"", false)]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256", false)]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess, qop=\"auth\"", true)]
    public void CanAnswer_Challenge_OnlyWhenAlgorithmAndQopAreSupported(string value, bool expected)
    {
        Assert.True(DigestChallenge.TryParse(value, out var challenge));
        Assert.Equal(expected, DigestAuthentication.CanAnswer(challenge));
    }
}
