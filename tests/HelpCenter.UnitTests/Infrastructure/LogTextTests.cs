using HelpCenter.Infrastructure;

namespace HelpCenter.UnitTests.Infrastructure;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("/ok/path", "/ok/path")]
    [InlineData("/x\r\nINFO fake entry", "/x??INFO fake entry")]
    [InlineData("a\u0000b\u001bc", "a?b?c")]
    [InlineData("line\u2028separator", "line?separator")]
    [InlineData(null, "")]
    public void LineBreaksAndControlCharactersCannotForgeLogLines(string? input, string expected) =>
        Assert.Equal(expected, LogText.Safe(input));

    [Fact]
    public void LongTextIsCut() => Assert.Equal(LogText.MaxLength + 1, LogText.Safe(new string('a', 5000)).Length);
}
