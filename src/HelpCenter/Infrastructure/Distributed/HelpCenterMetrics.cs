using System.Diagnostics.Metrics;

namespace HelpCenter.Infrastructure.Distributed;

/// <summary>
/// The site's own instruments, on one <see cref="Meter"/> named <see cref="MeterName"/> (made by the host's
/// <see cref="IMeterFactory"/>, so that each host in a test process has its own). Recording costs next to nothing
/// when nothing listens: OpenTelemetry listens only when an OTLP endpoint is configured.
/// </summary>
public sealed class HelpCenterMetrics
{
    public const string MeterName = "HelpCenter";

    private readonly Counter<long> _searches;
    private readonly Counter<long> _chatMessages;
    private readonly Histogram<double> _batchLag;

    public HelpCenterMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(MeterName);
        _searches = Meter.CreateCounter<long>("helpcenter.searches", "{search}", "Searches customers ran (search page and API)");
        _chatMessages = Meter.CreateCounter<long>("helpcenter.chat.messages", "{message}", "Chat messages stored, by author kind");
        _batchLag = Meter.CreateHistogram<double>("helpcenter.analytics.batch.lag", "s",
            "Age of the oldest event of an analytics batch when the batch was written");
    }

    /// <summary>For features that observe a value of their own (the analytics queue's length).</summary>
    public Meter Meter { get; }

    public void SearchRan(string source, string language) =>
        _searches.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("language", language));

    public void ChatMessageStored(string kind) => _chatMessages.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void AnalyticsBatchWritten(TimeSpan lag) => _batchLag.Record(lag.TotalSeconds);
}
