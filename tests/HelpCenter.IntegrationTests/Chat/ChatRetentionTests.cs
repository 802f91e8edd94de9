using HelpCenter.Chat;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpCenter.IntegrationTests.Chat;

/// <summary>Transcripts are anonymised or deleted <c>RetentionDays</c> after the chat ended, and only then.</summary>
public sealed class ChatRetentionTests
{
    [Fact]
    public async Task OldEndedChatsAreAnonymisedOnceAndRecentOrOpenOnesAreLeftAlone()
    {
        var factory = await StartAsync("Anonymize");
        try
        {
            var old = await ChatAsync(factory, "口座番号はLX12345678です", ended: true, daysAgo: 400);
            var recent = await ChatAsync(factory, "最近のチャット", ended: true, daysAgo: 10);
            var open = await ChatAsync(factory, "まだ続いているチャット", ended: false, daysAgo: 400);
            var sly = await ChatAsync(factory, ChatRetentionService.Removed, ended: true, daysAgo: 400);
            var retention = factory.Services.GetServices<IHostedService>().OfType<ChatRetentionService>().Single();

            Assert.Equal(2, await retention.RunOnceAsync());
            Assert.Equal(0, await retention.RunOnceAsync());

            var chats = await ChatsAsync(factory);
            var anonymised = chats[old];
            Assert.Equal((ChatRetentionService.Removed, "-", null, null), (anonymised.Description, anonymised.Email, anonymised.SystemContextJson, anonymised.SurveyComment));
            Assert.All(anonymised.Messages.Where(m => m.Kind != MessageKind.System), m => Assert.Equal(ChatRetentionService.Removed, m.Body));
            Assert.Contains(anonymised.Messages, m => m.Kind == MessageKind.System && m.Body == "closed");
            Assert.Equal((4, "answered"), (anonymised.SurveyRating, anonymised.Resolution));
            Assert.DoesNotContain("LX12345678", string.Join(' ', anonymised.Messages.Select(m => m.Body)), StringComparison.Ordinal);
            Assert.Null(chats[sly].SystemContextJson);
            Assert.Equal("最近のチャット", chats[recent].Description);
            Assert.Equal("まだ続いているチャット", chats[open].Description);

            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Kind == Audit.AuditKinds.ChatRetention));
            Assert.Null((await db.ContactFlows.SingleAsync(f => f.Id == anonymised.FlowId)).Question);
            Assert.Equal("最近のチャット", (await db.ContactFlows.SingleAsync(f => f.Id == chats[recent].FlowId)).Question);
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    [Fact]
    public async Task InDeleteModeOldEndedChatsAreDeleted()
    {
        var factory = await StartAsync("Delete");
        try
        {
            var old = await ChatAsync(factory, "消えるチャット", ended: true, daysAgo: 400);
            var recent = await ChatAsync(factory, "残るチャット", ended: true, daysAgo: 1);
            var retention = factory.Services.GetServices<IHostedService>().OfType<ChatRetentionService>().Single();

            Assert.Equal(1, await retention.RunOnceAsync());
            var chats = await ChatsAsync(factory);
            Assert.False(chats.ContainsKey(old));
            Assert.True(chats.ContainsKey(recent));
            await using var scope = factory.Services.CreateAsyncScope();
            Assert.False(await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().RequestMessages.AnyAsync(m => m.Body == "消えるチャット"));
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    private static async Task<RetentionFactory> StartAsync(string mode)
    {
        var factory = new RetentionFactory(mode);
        await factory.InitializeAsync();
        _ = factory.Server;
        return factory;
    }

    private static async Task<string> ChatAsync(MailFactory factory, string question, bool ended, int daysAgo)
    {
        var (reference, _) = await ChatTestKit.StartChatAsync(factory, question);
        await using var scope = factory.Services.CreateAsyncScope();
        var request = (await scope.ServiceProvider.GetRequiredService<RequestService>().FindAsync(reference))!;
        if (ended)
        {
            await scope.ServiceProvider.GetRequiredService<ChatQueue>().CloseAsync(request, "answered", null, "test");
            await scope.ServiceProvider.GetRequiredService<RequestService>().SaveSurveyAsync(request, 4, true, "丁寧でした");
        }

        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        request.UpdatedAt = DateTimeOffset.UtcNow.AddDays(-daysAgo);
        await db.SaveChangesAsync();
        return reference;
    }

    private static async Task<Dictionary<string, SupportRequest>> ChatsAsync(MailFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Requests.AsNoTracking().Include(r => r.Messages)
            .ToDictionaryAsync(r => r.Reference);
    }

    private sealed class RetentionFactory(string mode) : MailFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["HelpCenter:Chat:RetentionDays"] = "365",
            ["HelpCenter:Chat:RetentionMode"] = mode,
        };
    }
}
