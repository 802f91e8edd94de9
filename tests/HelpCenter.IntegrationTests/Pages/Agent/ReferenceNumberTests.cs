using System.Text.RegularExpressions;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Agent;

public sealed class ReferenceNumberTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    private static string TokyoDay =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ConcurrentRequestsGetDistinctConsecutiveReferencesOfTheTokyoDay()
    {
        // 60 at once: the chat bench's 20 simultaneous starts used to race for the same number thousands of times.
        const int count = 60;
        _ = factory.Server; // started once, before the threads race for it
        var day = TokyoDay;
        var references = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => CreateAsync($"r{i}@example.com"))));

        Assert.All(references, r => Assert.Matches(new Regex($"^HC-{day}-\\d{{4}}$"), r));
        Assert.Equal(count, references.Distinct().Count());
        var numbers = references.Select(Number).Order().ToList();
        Assert.Equal(Enumerable.Range(numbers[0], count), numbers);
    }

    [Fact]
    public async Task ADaysFirstNumberFollowsTheHighestReferenceAlreadyStored()
    {
        var day = TokyoDay;
        var first = await CreateAsync("before@example.com");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // A database from before the counter (or a request imported by hand): the day has references, no counter.
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            await db.ReferenceCounters.Where(c => c.Day == day).ExecuteDeleteAsync();
            var imported = await db.Requests.SingleAsync(r => r.Reference == first);
            imported.Reference = $"HC-{day}-{Number(first) + 500:D4}";
            await db.SaveChangesAsync();
        }

        Assert.Equal(Number(first) + 501, Number(await CreateAsync("after@example.com")));
        Assert.Equal(Number(first) + 502, Number(await CreateAsync("after2@example.com")));
    }

    private async Task<string> CreateAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var request = await scope.ServiceProvider.GetRequiredService<RequestService>().CreateAsync(new SupportRequest
        {
            Reference = "",
            Topic = "other",
            Language = "ja",
            Email = email,
            Description = "reference test",
        });
        return request.Reference;
    }

    private static int Number(string reference) => int.Parse(reference[^4..], System.Globalization.CultureInfo.InvariantCulture);
}
