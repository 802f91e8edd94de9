using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HelpCenter.BrowserTests.Pages;

/// <summary>axe-core on every kind of page, and the console watched for CSP violations.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    public static TheoryData<string, string> PagesToCheck() => new()
    {
        { "ja-JP", "/" },
        { "ja-JP", "/ja/categories/security" },
        { "ja-JP", "/ja/articles/two-factor-setup" },
        { "ja-JP", "/ja/articles/withdrawal-fees" },
        { "ja-JP", "/faq" },
        { "ja-JP", "/contact" },
        { "ja-JP", "/no-such-page" },
        { "en-US", "/" },
        { "en-US", "/en/articles/password-reset" },
        { "en-US", "/en/categories/account" },
        { "zh-CN", "/" },
        { "zh-CN", "/zh/articles/recovery-codes" },
        { "zh-CN", "/faq" },
        { "ja-JP", "/search?q=%E4%BA%8C%E6%AE%B5%E9%9A%8E%E8%AA%8D%E8%A8%BC" },
        { "en-US", "/search?q=zzqqxx" },
        { "ja-JP", "/account/login" },
        { "ja-JP", "/account/register" },
        { "en-US", "/account/forgot-password" },
        { "zh-CN", "/account/security-help" },
        { "ja-JP", "/account/check-email" },
    };

    [Theory]
    [MemberData(nameof(PagesToCheck))]
    public async Task PageHasNoSeriousAccessibilityViolationsAndNoCspErrors(string locale, string url)
    {
        var page = await browser.NewPageAsync(locale);
        var cspErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                cspErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var results = await page.RunAxe();

        var serious = results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.Empty(serious);
        Assert.Empty(cspErrors);
    }
}
