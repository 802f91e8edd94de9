using System.Text.RegularExpressions;
using HelpCenter.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Agent;

public sealed class ReferenceNumberTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    [Fact]
    public async Task ConcurrentRequestsGetDistinctConsecutiveReferencesOfTheTokyoDay()
    {
        var day = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var references = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var request = await scope.ServiceProvider.GetRequiredService<RequestService>().CreateAsync(new SupportRequest
            {
                Reference = "",
                Topic = "other",
                Language = "ja",
                Email = $"r{i}@example.com",
                Description = "reference test",
            });
            return request.Reference;
        }));

        Assert.All(references, r => Assert.Matches(new Regex($"^HC-{day}-\\d{{4}}$"), r));
        Assert.Equal(20, references.Distinct().Count());
        var numbers = references.Select(r => int.Parse(r[^4..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(numbers[0], 20), numbers);
    }
}
