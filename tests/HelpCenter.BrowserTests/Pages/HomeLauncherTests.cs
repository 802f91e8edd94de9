using Microsoft.Playwright;

namespace HelpCenter.BrowserTests.Pages;

/// <summary>
/// On a phone the floating chat button covered the first category card while scrolling the home page. Whatever the
/// scroll position, no link or heading of the page lies under the button.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HomeLauncherTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(390, 844)]
    public async Task OnAPhoneTheChatButtonNeverCoversContentOfTheHomePage(int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl,
            Locale = "ja-JP",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var launcher = page.Locator(".chat-launcher");
        await Assertions.Expect(launcher).ToBeVisibleAsync();
        var pageHeight = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
        var covered = new List<string>();
        for (var y = 0; y < pageHeight; y += 60)
        {
            await page.EvaluateAsync("y => window.scrollTo(0, y)", y);
            covered.AddRange(await page.EvaluateAsync<string[]>("""
                () => {
                  const b = document.querySelector('.chat-launcher').getBoundingClientRect();
                  const hit = [];
                  for (const e of document.querySelectorAll('main a, main h2, main h3, main p, main li, footer a, footer p')) {
                    if (e.closest('.chat-launcher')) continue;
                    for (const r of e.getClientRects()) {
                      if (r.width > 0 && r.height > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top) {
                        hit.push(window.scrollY + ': ' + e.tagName + ' ' + e.textContent.trim().slice(0, 30));
                        break;
                      }
                    }
                  }
                  return hit;
                }
                """));
            if (y == 480)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"home-launcher-scrolled-ja-{width}.png") });
            }
        }

        Assert.Empty(covered.Distinct());
        await context.CloseAsync();
    }
}
