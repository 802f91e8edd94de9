namespace HelpCenter.Infrastructure.Distributed;

/// <summary>The one Redis of the site, bound from <c>HelpCenter:Redis</c>: SignalR backplane, shared rate limits.</summary>
public sealed class RedisOptions
{
    public const string Section = "HelpCenter:Redis";

    /// <summary>The older setting for the same server (it named only the chat backplane); read when
    /// <see cref="ConnectionString"/> is empty.</summary>
    public const string AliasKey = "HelpCenter:Chat:RedisBackplane";

    /// <summary>StackExchange.Redis connection string (<c>host:port,password=...</c>). Empty: one instance, or several
    /// without a shared rate limit or chat backplane (each keeps its own in memory).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Start of every key and pub/sub channel the site uses, so that several sites (production and staging) can
    /// share one Redis server without sharing counts.</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^[A-Za-z0-9._:-]{1,64}$")]
    public string KeyPrefix { get; set; } = "helpcenter:";

    /// <summary>The connection string from configuration, the alias included; null when Redis is not configured.</summary>
    public static string? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[Section + ":" + nameof(ConnectionString)] is { Length: > 0 } value ? value
            : configuration[AliasKey] is { Length: > 0 } alias ? alias
            : null;
    }
}
