using System.Diagnostics;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HelpCenter.BrowserTests.Pages;

/// <summary>The editors' console in Chromium: the whole publishing journey, Japanese input, accessibility of every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EditorJourneyTests(BrowserFixture browser)
{
    private const string Body = "## 手順\n\nアプリの「設定」から通知を有効にします。\n\n| 通知 | 内容 |\n|---|---|\n| ログイン | 新しい端末からのログイン |\n| 出金 | 出金の申請 |\n";

    private static byte[] Png()
    {
        using var bitmap = new SkiaSharp.SKBitmap(320, 160);
        bitmap.Erase(SkiaSharp.SKColors.SteelBlue);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    [Fact]
    public async Task EditorWritesAJapaneseArticleASecondEditorApprovesItIsFoundThenTheFirstRevisionIsRestored()
    {
        var slug = "login-notice-" + Guid.NewGuid().ToString("N")[..6];
        var editor = await browser.NewPageAsync("ja-JP");
        await BrowserFixture.SignInAsStaffAsync(editor, "editor@example.com");
        await Assertions.Expect(editor).ToHaveURLAsync($"{browser.BaseUrl}/editor");
        await Assertions.Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("記事の編集");

        await editor.GetByRole(AriaRole.Link, new() { Name = "新しい記事" }).First.ClickAsync();
        await editor.GetByLabel("タイトル").FillAsync("ログイン通知を設定する");
        await editor.GetByLabel("スラッグ（URL）").FillAsync(slug);
        await editor.GetByLabel("カテゴリー", new() { Exact = true }).SelectOptionAsync("security");
        await editor.GetByLabel("タグ").FillAsync("ログイン, 通知");
        await editor.GetByLabel("概要").FillAsync("新しい端末からのログインを知らせる通知の設定です。");
        await editor.GetByLabel("本文（Markdown）").FillAsync(Body);
        await editor.GetByRole(AriaRole.Button, new() { Name = "下書きを作成する" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("下書きを作成しました。");

        // An image, uploaded and put into the text where the cursor is.
        await editor.GetByLabel("画像ファイル（PNG・JPEG・WebP）").SetInputFilesAsync(new FilePayload { Name = "通知画面.png", MimeType = "image/png", Buffer = Png() });
        await editor.GetByRole(AriaRole.Button, new() { Name = "アップロード" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("画像をアップロードしました。");
        var text = editor.GetByLabel("本文（Markdown）");
        await text.FocusAsync();
        await text.PressAsync("Control+End");
        await editor.GetByRole(AriaRole.Button, new() { Name = "本文に挿入" }).ClickAsync();
        await Assertions.Expect(text).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"!\[通知画面\]\(/media/articles/[0-9a-f]{32}\.png\)"));
        await editor.GetByRole(AriaRole.Button, new() { Name = "下書きを保存する" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("保存しました（新しいリビジョン）。");

        // The preview at phone width: the site's own HTML with the table and the image.
        await editor.GetByText("スマートフォン", new() { Exact = true }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "プレビュー" }).ClickAsync();
        var frame = editor.FrameLocator("#hc-preview");
        await Assertions.Expect(frame.Locator(".article-body table")).ToContainTextAsync("新しい端末からのログイン");
        await Assertions.Expect(frame.Locator(".article-body img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/media/articles/"));
        Assert.Equal(390, await editor.Locator("#hc-preview").EvaluateAsync<int>("f => Math.round(f.getBoundingClientRect().width)"));
        Assert.True(await frame.Locator(".article-body img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 320"));
        await BrowserFixture.ScreenshotAsync(editor, "editor-edit-phone-preview-ja");

        await editor.GetByRole(AriaRole.Button, new() { Name = "レビューを依頼する" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("レビューを依頼しました。");
        var articleUrl = editor.Url;

        // A second editor approves; the article is searchable within a second (of the approval's answer).
        var customer = await browser.NewPageAsync("ja-JP");
        var warmUp = await customer.APIRequest.GetAsync("/api/search?lang=ja&q=" + Uri.EscapeDataString("ログイン通知"));
        Assert.DoesNotContain(slug, await warmUp.TextAsync(), StringComparison.Ordinal);
        var reviewer = await browser.NewPageAsync("ja-JP");
        await BrowserFixture.SignInAsStaffAsync(reviewer, "admin@example.com");
        await reviewer.GotoAsync("/editor?lang=ja&status=InReview");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "ログイン通知を設定する" }).ClickAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "承認して公開する" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Status)).ToHaveTextAsync("承認しました。");
        var clock = Stopwatch.StartNew();
        var found = false;
        while (!found && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            var response = await customer.APIRequest.GetAsync("/api/search?lang=ja&q=" + Uri.EscapeDataString("ログイン通知"));
            found = (await response.TextAsync()).Contains(slug, StringComparison.Ordinal);
        }

        Assert.True(found && clock.Elapsed < TimeSpan.FromSeconds(1), $"found {found} after {clock.Elapsed.TotalMilliseconds:F0} ms");
        await customer.GotoAsync("/search?q=" + Uri.EscapeDataString("ログイン通知"));
        await customer.GetByRole(AriaRole.Link, new() { Name = "ログイン通知を設定する" }).First.ClickAsync();
        await Assertions.Expect(customer.Locator(".article-body img")).ToBeVisibleAsync();

        // The editor edits, then restores the first revision as a new one.
        await editor.GotoAsync(articleUrl);
        await editor.GetByLabel("本文（Markdown）").FillAsync(Body + "\n変更後の一文です。\n");
        await editor.GetByRole(AriaRole.Button, new() { Name = "下書きを保存する" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("保存しました（新しいリビジョン）。");
        await editor.GetByRole(AriaRole.Link, new() { Name = "履歴", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.Locator("pre.diff ins")).ToContainTextAsync("変更後");
        await BrowserFixture.ScreenshotAsync(editor, "editor-history-ja");
        await editor.GetByRole(AriaRole.Button, new() { Name = "リビジョン 1 を新しいリビジョンとして復元する" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("復元しました");
        await editor.GetByRole(AriaRole.Link, new() { Name = "編集", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.GetByLabel("本文（Markdown）")).ToHaveValueAsync(Body);
    }

    [Fact]
    public async Task JapaneseCompositionIsNeverInterruptedByThePreview()
    {
        var page = await browser.NewPageAsync("ja-JP");
        await BrowserFixture.SignInAsStaffAsync(page, "editor@example.com");
        await page.GotoAsync("/editor/articles/new");
        var text = page.GetByLabel("本文（Markdown）");
        await text.FillAsync("出金の手順を");
        await page.EvaluateAsync("() => { window.hcCompositions = 0; document.getElementById('Input_Body').addEventListener('compositionstart', () => window.hcCompositions++); }");
        var previews = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/editor/preview", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref previews);
            }
        };
        await page.WaitForTimeoutAsync(1200);
        previews = 0;

        // A real IME composition through Chromium's input pipeline: kana first, still unconverted.
        await text.FocusAsync();
        await text.PressAsync("End");
        var cdp = await page.Context.NewCDPSessionAsync(page);
        foreach (var kana in new[] { "へ", "へん", "へんこ", "へんこう" })
        {
            await cdp.SendAsync("Input.imeSetComposition", new Dictionary<string, object> { ["text"] = kana, ["selectionStart"] = kana.Length, ["selectionEnd"] = kana.Length });
            await page.WaitForTimeoutAsync(400);
        }

        await page.WaitForTimeoutAsync(1000);
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.hcCompositions"));
        Assert.Equal(0, Volatile.Read(ref previews));
        Assert.Equal("出金の手順をへんこう", await text.InputValueAsync());

        // Committing the conversion ends the composition; only then does the preview follow.
        await cdp.SendAsync("Input.insertText", new Dictionary<string, object> { ["text"] = "変更" });
        await Assertions.Expect(text).ToHaveValueAsync("出金の手順を変更");
        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref previews) == 0 && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await page.WaitForTimeoutAsync(100);
        }

        Assert.True(Volatile.Read(ref previews) > 0, "the preview follows once the composition ended");
        await Assertions.Expect(page.FrameLocator("#hc-preview").Locator(".article-body")).ToContainTextAsync("出金の手順を変更");
        Assert.Equal("出金の手順を変更", await text.InputValueAsync());
    }

    [Fact]
    public async Task EveryEditorPageHasNoSeriousAccessibilityViolationsAtDesktopAndPhoneWidth()
    {
        var page = await browser.NewPageAsync("ja-JP");
        var cspErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                cspErrors.Add(message.Text);
            }
        };
        await BrowserFixture.SignInAsStaffAsync(page, "editor@example.com");
        await page.GotoAsync("/editor?lang=ja&q=phishing");
        var edit = await page.Locator("tbody a").First.GetAttributeAsync("href");
        var pages = new[]
        {
            ("/editor", "list"), ("/editor/articles/new", "new"), (edit!, "edit"), (edit + "/history?from=1&to=1", "history"),
            (edit + "/translations", "translations"), ("/editor/synonyms", "synonyms"), ("/editor/preview?id=" + edit!.Split('/').Last(), "preview"),
        };

        var failures = new List<string>();
        foreach (var (url, name) in pages)
        {
            foreach (var (width, height, size) in new[] { (1280, 800, "desktop"), (390, 844, "phone") })
            {
                await page.SetViewportSizeAsync(width, height);
                await page.GotoAsync(url);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                // The preview frame is sandboxed without scripts, so axe cannot run inside it (it would wait forever); the
                // preview page itself is one of the pages checked.
                var results = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions { Iframes = false });
                failures.AddRange(results.Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{url} ({size}): {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
                await BrowserFixture.ScreenshotAsync(page, $"editor-{name}-{size}-ja");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(cspErrors.Count == 0, string.Join("\n", cspErrors));
    }
}
