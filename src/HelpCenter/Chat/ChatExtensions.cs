namespace HelpCenter.Chat;

public static class ChatExtensions
{
    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR(options =>
        {
            options.MaximumReceiveMessageSize = 16 * 1024;
            options.MaximumParallelInvocationsPerClient = ChatHub.ParallelCallsPerConnection;
        });
        if (Infrastructure.Distributed.RedisOptions.Read(builder.Configuration) is not null)
        {
            // Groups and pushes across instances, on the site's one Redis connection (HelpCenter:Redis, or the older
            // HelpCenter:Chat:RedisBackplane); it reconnects in the background, so a Redis outage does not stop the start.
            signalR.AddStackExchangeRedis();
            builder.Services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>()
                .Configure<Infrastructure.Distributed.RedisConnection>((options, redis) =>
                    options.ConnectionFactory = _ => Task.FromResult(redis.Multiplexer));
        }

        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ChatAccess>();
        builder.Services.AddSingleton<ChatFloodGuard>();
        builder.Services.AddScoped<ChatQueue>();
        builder.Services.AddSingleton<CannedReplies>();
        builder.Services.AddScoped<ChatTranscripts>();
        builder.Services.AddScoped<CustomerChat>();
        builder.Services.AddHostedService<ChatRetentionService>();
        builder.Services.AddSingleton<ChatPresenceMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ChatPresenceMonitor>());
        return builder;
    }

    /// <summary>The hub, refusing connections from other sites: CORS does not protect WebSockets, and the
    /// hub trusts the session cookie.</summary>
    public static void MapChat(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(ChatHub.Path)
                && context.Request.Headers.Origin is { Count: > 0 } origin
                && !string.Equals(origin.ToString(), $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await next();
        });
        app.MapHub<ChatHub>(ChatHub.Path);
    }
}
