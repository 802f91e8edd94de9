using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace HelpCenter.Analytics;

/// <summary>The bounded in-memory queue between requests and <see cref="AnalyticsWriter"/>. Adding never waits: when
/// the writer falls behind and the queue is full, the event is counted as dropped.</summary>
public sealed class AnalyticsQueue
{
    private readonly Channel<IAnalyticsEvent> _channel;
    private long _dropped;
    private long _accepted;

    public AnalyticsQueue(IOptions<AnalyticsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _channel = Channel.CreateBounded<IAnalyticsEvent>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    internal ChannelReader<IAnalyticsEvent> Reader => _channel.Reader;

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Accepted => Interlocked.Read(ref _accepted);

    public int Pending => _channel.Reader.Count;

    public void Add(IAnalyticsEvent analyticsEvent)
    {
        ArgumentNullException.ThrowIfNull(analyticsEvent);
        if (_channel.Writer.TryWrite(analyticsEvent))
        {
            Interlocked.Increment(ref _accepted);
        }
        else
        {
            Interlocked.Increment(ref _dropped);
        }
    }
}
