using HelpCenter.Accounts;

namespace HelpCenter.UnitTests.Accounts;

/// <summary>The code computation must agree with every authenticator app: RFC 6238's SHA-1 test vectors.</summary>
public sealed class SingleUseAuthenticatorTokenProviderTests
{
    private static readonly byte[] Secret = "12345678901234567890"u8.ToArray();

    [Theory]
    [InlineData(59L, 287082)]
    [InlineData(1111111109L, 81804)]
    [InlineData(1111111111L, 50471)]
    [InlineData(1234567890L, 5924)]
    [InlineData(2000000000L, 279037)]
    public void CodesMatchTheRfcTestVectors(long unixSeconds, int code) =>
        Assert.Equal(code, SingleUseAuthenticatorTokenProvider.Code(Secret, unixSeconds / SingleUseAuthenticatorTokenProvider.StepSeconds));

    [Fact]
    public void Base32KeysDecodeAsAuthenticatorAppsReadThem()
    {
        Assert.Equal(Secret, SingleUseAuthenticatorTokenProvider.Base32Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
        Assert.Equal(Secret, SingleUseAuthenticatorTokenProvider.Base32Decode("gezdgnbvgy3tqojqgezdgnbvgy3tqojq===="));
        Assert.Null(SingleUseAuthenticatorTokenProvider.Base32Decode("not base32!"));
    }
}
