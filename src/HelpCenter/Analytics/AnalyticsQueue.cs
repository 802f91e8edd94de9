using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace HelpCenter.Analytics;

/// <summary>The bounded in-memory queue between requests and <see cref="AnalyticsWriter"/>. Adding never waits: when
/// the writer falls behind and the queue is full, the event is counted as dropped.</summary>
public sealed class AnalyticsQueue
{
    private readonly Channel<QueuedEvent> _channel;
    private long _dropped;
    private long _accepted;

    public AnalyticsQueue(IOptions<AnalyticsOptions> options, Infrastructure.Distributed.HelpCenterMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _channel = Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        metrics?.Meter.CreateObservableGauge("helpcenter.analytics.queue.length", () => Pending, "{event}", "Analytics events waiting to be written");
        metrics?.Meter.CreateObservableCounter("helpcenter.analytics.dropped", () => Dropped, "{event}", "Analytics events dropped because the queue was full");
    }

    internal ChannelReader<QueuedEvent> Reader => _channel.Reader;

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Accepted => Interlocked.Read(ref _accepted);

    public int Pending => _channel.Reader.Count;

    public void Add(IAnalyticsEvent analyticsEvent)
    {
        ArgumentNullException.ThrowIfNull(analyticsEvent);
        if (_channel.Writer.TryWrite(new QueuedEvent(analyticsEvent, System.Diagnostics.Stopwatch.GetTimestamp())))
        {
            Interlocked.Increment(ref _accepted);
        }
        else
        {
            Interlocked.Increment(ref _dropped);
        }
    }
}

/// <summary>An event and when it was queued (<see cref="System.Diagnostics.Stopwatch"/> ticks), for the batch lag.</summary>
internal readonly record struct QueuedEvent(IAnalyticsEvent Event, long QueuedAt);
