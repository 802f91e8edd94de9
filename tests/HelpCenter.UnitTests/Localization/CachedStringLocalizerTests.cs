using System.Globalization;
using HelpCenter.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpCenter.UnitTests.Localization;

/// <summary>Strings kept once found: still each reader's language, arguments filled on every use, missing names visible.</summary>
public sealed class CachedStringLocalizerTests
{
    private static IStringLocalizer Shared() =>
        new CachedStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));

    private static T In<T>(string culture, Func<T> read)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }

    [Fact]
    public void EachLanguageGetsItsOwnStringAfterAnotherLanguageWasCached()
    {
        var localizer = Shared();
        Assert.Equal("{0}件のアカウント", In("ja-JP", () => localizer["Admin.UserCount"].Value));
        Assert.Equal("{0} accounts", In("en-US", () => localizer["Admin.UserCount"].Value));
        Assert.Equal("共{0}个账户", In("zh-Hans", () => localizer["Admin.UserCount"].Value));
        Assert.Equal("{0}件のアカウント", In("ja-JP", () => localizer["Admin.UserCount"].Value));
    }

    [Fact]
    public void ArgumentsAreFilledOnEveryUse()
    {
        var localizer = Shared();
        Assert.Equal("3 accounts", In("en-US", () => localizer["Admin.UserCount", 3].Value));
        Assert.Equal("1,200 accounts", In("en-US", () => localizer["Admin.UserCount", 1200.ToString("N0", CultureInfo.GetCultureInfo("en-US"))].Value));
        Assert.Equal("5件のアカウント", In("ja-JP", () => localizer["Admin.UserCount", 5].Value));
    }

    [Fact]
    public void AMissingNameShowsTheNameAndSaysItIsMissing()
    {
        var missing = In("ja-JP", () => Shared()["No.Such.Key"]);
        Assert.True(missing.ResourceNotFound);
        Assert.Equal("No.Such.Key", missing.Value);
    }

    [Fact]
    public void TheFactoryHandsOutOneLocalizerPerResource()
    {
        var factory = new CachedStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        Assert.Same(factory.Create(typeof(SharedResource)), factory.Create(typeof(SharedResource)));
    }
}
