using HelpCenter.Infrastructure;

namespace HelpCenter.UnitTests.Infrastructure;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("a\rb", "a\nb")]
    [InlineData("a\r\nb", "a\nb")]
    [InlineData("a\u2028b\u2029c\u0085d", "a\nb\nc\nd")]
    [InlineData("a\tb", "a b")]
    [InlineData("gpj\u202E.exe", "gpj.exe")]
    [InlineData("\u2066isolated\u2069 \u200Fmark", "isolated mark")]
    [InlineData("bell\u0007 null\0", "bell null")]
    [InlineData("  trimmed \n", "trimmed")]
    public void MultilineKeepsOneKindOfLineBreakAndDropsControlAndBidiCharacters(string typed, string stored) =>
        Assert.Equal(stored, PlainText.Multiline(typed));

    [Theory]
    [InlineData("Lumina\r\nSecurity Team", "Lumina Security Team")]
    [InlineData("name\u2028Bcc: x@example.com", "name Bcc: x@example.com")]
    public void SingleLineTurnsLineBreaksIntoSpaces(string typed, string stored) =>
        Assert.Equal(stored, PlainText.SingleLine(typed));

    [Fact]
    public void EmojiSequencesAndJapaneseSurvive() =>
        Assert.Equal("家族👨‍👩‍👧 ＯＫ", PlainText.Multiline("家族👨‍👩‍👧 ＯＫ"));
}
