using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HelpCenter.Chat;
using HelpCenter.Infrastructure.Distributed;
using HelpCenter.IntegrationTests.Chat;
using HelpCenter.IntegrationTests.Mail;

namespace HelpCenter.IntegrationTests.Distributed;

/// <summary>The site's own meters report through the real request paths, with no OTLP endpoint configured (the
/// listener here stands for the OpenTelemetry SDK, which listens the same way when export is on).</summary>
public sealed class TelemetryTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task SearchesChatMessagesAndTheAnalyticsQueueAreMeasured()
    {
        var measurements = new ConcurrentQueue<(string Name, double Value, string Tags)>();
        var meterFactory = factory.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // This host's meter only: other hosts in the test process have their own.
            if (instrument.Meter.Name == HelpCenterMetrics.MeterName && instrument.Meter.Scope == meterFactory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Describe(tags))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Describe(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Describe(tags))));
        listener.Start();

        var client = factory.CreateBrowserLikeClient();
        Assert.Equal(200, (await HtmlPage.GetAsync(client, "/search?q=" + Uri.EscapeDataString("二段階認証"))).Status);
        await client.GetStringAsync(new Uri("/api/search?lang=ja&q=" + Uri.EscapeDataString("手数料"), UriKind.Relative));
        var (reference, cookie) = await ChatTestKit.StartChatAsync(factory, "計測されますか");
        await using var customer = await ChatTestKit.ConnectAsync(factory, cookie);
        await customer.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        await customer.InvokeAsync<ChatMessage>("Send", reference, "metrics-message-1", "こんにちは");
        await factory.FlushAnalyticsAsync();
        listener.RecordObservableInstruments();

        Assert.Contains(measurements, m => m.Name == "helpcenter.searches" && m.Tags.Contains("source=page", StringComparison.Ordinal));
        Assert.Contains(measurements, m => m.Name == "helpcenter.searches" && m.Tags.Contains("source=api", StringComparison.Ordinal));
        Assert.Contains(measurements, m => m.Name == "helpcenter.chat.messages" && m.Tags.Contains("kind=Customer", StringComparison.Ordinal));
        Assert.Contains(measurements, m => m.Name == "helpcenter.analytics.queue.length");
        Assert.Contains(measurements, m => m.Name == "helpcenter.analytics.batch.lag" && m.Value >= 0 && m.Value < 60);
    }

    [Fact]
    public void NothingIsExportedWithoutAnEndpoint()
    {
        Assert.Null(factory.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.Contains(factory.Logs, line => line.Contains("OpenTelemetry export off", StringComparison.Ordinal));
    }

    private static string Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join(",", parts);
    }
}
