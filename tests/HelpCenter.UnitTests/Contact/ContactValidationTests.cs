using HelpCenter.Contact;

namespace HelpCenter.UnitTests.Contact;

public sealed class ContactValidationTests
{
    [Theory]
    [InlineData("090-1234-5678", "+819012345678")]
    [InlineData("０９０−１２３４−５６７８", "+819012345678")]
    [InlineData("03 (1234) 5678", "+81312345678")]
    [InlineData("0120-000-000", "+81120000000")]
    [InlineData("+1 415 555 2671", "+14155552671")]
    [InlineData("+86 138 0013 8000", "+8613800138000")]
    [InlineData("+81 90 1234 5678", "+819012345678")]
    [InlineData("\u202E090-1234-5678\u0000", "+819012345678")] // invisible characters from copy and paste are dropped
    public void PhoneNumbersAreNormalisedToE164(string input, string expected)
    {
        Assert.True(ContactValidation.TryNormalizePhone(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("090-1234-56789012")]
    [InlineData("call me maybe")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("090-1234-5678'; DROP TABLE Requests;--")]
    public void InvalidPhoneNumbersAreRejected(string input) =>
        Assert.False(ContactValidation.TryNormalizePhone(input, out _));

    [Fact]
    public void HugePhoneInputIsRejectedQuickly() =>
        Assert.False(ContactValidation.TryNormalizePhone(new string('9', 10_000), out _));

    [Theory]
    [InlineData("LX12345678", "LX12345678")]
    [InlineData("lx12345678", "LX12345678")]
    [InlineData("ＬＸ１２３４５６７８", "LX12345678")]
    [InlineData(" LX-1234 5678 ", "LX12345678")]
    [InlineData("12345678", "LX12345678")]
    [InlineData("１２３４５６７８", "LX12345678")]
    public void AccountNumbersAreNormalised(string input, string expected)
    {
        Assert.True(ContactValidation.TryNormalizeAccountNumber(input, out var normalized));
        Assert.Equal(expected, normalized);
        Assert.Equal("LX****5678", ContactValidation.MaskAccountNumber(normalized));
    }

    [Theory]
    [InlineData("LX1234567")]
    [InlineData("1234567")]
    [InlineData("123456789")]
    [InlineData("AB12345678")]
    [InlineData("LX12345678X")]
    [InlineData("😀")]
    public void WrongAccountNumbersAreRejected(string input) =>
        Assert.False(ContactValidation.TryNormalizeAccountNumber(input, out _));

    [Fact]
    public void SeveralIdsInAnySeparatorAreParsedDeduplicatedAndHashesLowerCased()
    {
        var ids = ContactValidation.ParseIds("ORD-0123456789、wd-0123456789\nDP-9999999999, ORD-0123456789　0xABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789", out var invalid);
        Assert.Empty(invalid);
        Assert.Equal(["ORD-0123456789", "WD-0123456789", "DP-9999999999", "0xabcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"], ids);
    }

    [Fact]
    public void InvalidIdsAreReportedAndExtrasBeyondTenRejected()
    {
        var many = string.Join(",", Enumerable.Range(0, 12).Select(i => $"ORD-{i:D10}"));
        var ids = ContactValidation.ParseIds(many + ",<img src=x onerror=alert(1)>," + new string('a', 500), out var invalid);
        Assert.Equal(10, ids.Count);

        // Two ids beyond ten, the three space-separated pieces of the tag, and the long token cut to 80 characters.
        Assert.Equal(["ORD-0000000010", "ORD-0000000011", "<img", "src=x", "onerror=alert(1)>", new string('a', 80)], invalid);
    }
}
