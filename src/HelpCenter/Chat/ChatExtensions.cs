namespace HelpCenter.Chat;

public static class ChatExtensions
{
    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR(options => options.MaximumReceiveMessageSize = 16 * 1024);
        if (builder.Configuration[ChatOptions.Section + ":" + nameof(ChatOptions.RedisBackplane)] is { Length: > 0 } redis)
        {
            // Groups and pushes across instances; connections open lazily, so a Redis outage does not stop the start.
            signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("helpcenter-chat"));
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
