using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpCenter.IntegrationTests.Requests;

/// <summary>Group commit of conversation messages on the app's real SQLite database.</summary>
public sealed class MessageWriterTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    [Fact]
    public async Task ManySendersAtOnceShareCommitsAndKeepSequencesWithoutGaps()
    {
        var request = await NewRequestAsync();
        var writer = factory.Services.GetRequiredService<MessageWriter>();
        var before = writer.Counts;

        // 200 senders at once, each through its own scope, as 200 hub calls would.
        var sent = await Task.WhenAll(Enumerable.Range(1, 200).Select(i => InScopeAsync(requests =>
            requests.AddMessageAsync(request, MessageKind.Customer, $"message {i}", null, "customer", $"client-{i}"))));

        var after = writer.Counts;
        Assert.Equal(200, after.Messages - before.Messages);
        // Batching happened: far fewer transactions than messages (each waits only for the commit ahead of it).
        Assert.InRange(after.Batches - before.Batches, 1, 100);

        var stored = await MessagesAsync(request.Id);
        Assert.Equal(Enumerable.Range(1, 200), stored.Select(m => m.Sequence));
        Assert.Equal(200, stored.Select(m => m.ClientId).Distinct().Count());
        // Each sender was answered with its own stored message.
        Assert.All(sent, m => Assert.Equal(stored.Single(s => s.ClientId == m.ClientId).Sequence, m.Sequence));
    }

    [Fact]
    public async Task TheSameClientIdSentTwiceAtOnceIsStoredOnce()
    {
        var request = await NewRequestAsync();
        var sent = await Task.WhenAll(Enumerable.Range(1, 20).Select(_ => InScopeAsync(requests =>
            requests.AddMessageAsync(request, MessageKind.Customer, "resent", null, "customer", "same-client-id"))));

        var stored = await MessagesAsync(request.Id);
        Assert.Single(stored);
        Assert.All(sent, m => Assert.Equal(stored[0].Id, m.Id));
    }

    [Fact]
    public async Task TwoWritersOnTheSameDatabaseAsTwoInstancesLeaveNoGapsOrDuplicates()
    {
        var request = await NewRequestAsync();
        // A second writer of its own, as another instance of the site would have.
        await using var other = new MessageWriter(factory.Services.GetRequiredService<IServiceScopeFactory>(),
            factory.Services.GetRequiredService<SiteClock>(), NullLogger<MessageWriter>.Instance);
        var ours = factory.Services.GetRequiredService<MessageWriter>();

        await Task.WhenAll(Enumerable.Range(1, 100).Select(i => (i % 2 == 0 ? ours : other)
            .WriteAsync(new NewMessage(request.Id, MessageKind.Customer, $"m{i}", null, null, $"c{i}", null))));

        var stored = await MessagesAsync(request.Id);
        Assert.Equal(Enumerable.Range(1, 100), stored.Select(m => m.Sequence));
        Assert.Equal(100, stored.Select(m => m.ClientId).Distinct().Count());
    }

    [Fact]
    public async Task TheCallersCopyOfTheRequestFollowsTheStatusWithoutUnsavedChanges()
    {
        var request = await NewRequestAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<RequestService>();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var tracked = (await requests.FindAsync(request.Reference))!;

        var reply = await requests.AddMessageAsync(tracked, MessageKind.Agent, "answer", null, "operator");

        Assert.Equal(RequestStatus.WaitingOnCustomer, tracked.Status);
        Assert.Contains(reply, tracked.Messages);
        Assert.False(db.ChangeTracker.HasChanges());
        Assert.Equal(RequestStatus.WaitingOnCustomer, (await db.Requests.AsNoTracking().SingleAsync(r => r.Id == request.Id)).Status);
    }

    [Fact]
    public async Task AMessageForARequestThatIsGoneFailsAloneAndOthersInTheBatchAreStored()
    {
        var request = await NewRequestAsync();
        var writer = factory.Services.GetRequiredService<MessageWriter>();
        var missing = writer.WriteAsync(new NewMessage(int.MaxValue, MessageKind.Customer, "lost", null, null, null, null));
        var fine = writer.WriteAsync(new NewMessage(request.Id, MessageKind.Customer, "kept", null, null, null, null));

        await Assert.ThrowsAsync<InvalidOperationException>(() => missing);
        Assert.Equal(1, (await fine).Message.Sequence);
    }

    private async Task<SupportRequest> NewRequestAsync() => await InScopeAsync(requests => requests.CreateAsync(new SupportRequest
    {
        Reference = "",
        Channel = RequestChannel.Chat,
        Priority = RequestPriority.Normal,
        Status = RequestStatus.New,
        Topic = "other",
        Language = "ja",
        Email = "-",
        Name = "customer",
        Description = "question",
    }));

    private async Task<T> InScopeAsync<T>(Func<RequestService, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<RequestService>());
    }

    private async Task<List<RequestMessage>> MessagesAsync(int requestId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().RequestMessages.AsNoTracking()
            .Where(m => m.RequestId == requestId).OrderBy(m => m.Sequence).ToListAsync();
    }
}
