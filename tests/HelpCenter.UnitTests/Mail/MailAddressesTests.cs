using HelpCenter.Mail;

namespace HelpCenter.UnitTests.Mail;

public sealed class MailAddressesTests
{
    [Theory]
    [InlineData("customer@example.com")]
    [InlineData("first.last+tag@mail.example.co.jp")]
    [InlineData("  padded@example.com ")]
    public void OneBareMailboxIsAccepted(string address) => Assert.True(MailAddresses.IsMailbox(address));

    [Theory]
    [InlineData("x y@example.com")]
    [InlineData("a,b@example.com")]
    [InlineData("grp:a@example.com;")]
    [InlineData("\"Eve\" <eve@example.com>")]
    [InlineData("eve@example.com (comment)")]
    [InlineData("a@b@example.com")]
    [InlineData("nobody@localhost")]
    [InlineData("no-at-sign")]
    [InlineData("trailing@example.com.")]
    [InlineData("line@example.com\r\nBcc: x@example.com")]
    [InlineData("")]
    public void AnythingElseIsRefused(string address) => Assert.False(MailAddresses.IsMailbox(address));

    [Fact]
    public void ShownMaskedEnoughToRecogniseNotToHarvest() =>
        Assert.Equal("c***@example.com", MailAddresses.Mask("customer@example.com"));
}
