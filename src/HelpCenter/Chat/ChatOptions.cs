using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Chat;

/// <summary>Live chat settings, bound from <c>HelpCenter:Chat</c>.</summary>
public sealed class ChatOptions
{
    public const string Section = "HelpCenter:Chat";

    /// <summary>Chats one operator handles at the same time; automatic assignment stops there.</summary>
    [Range(1, 20)]
    public int MaxConcurrentChats { get; set; } = 3;

    /// <summary>An operator whose console has not been heard from for this long counts as offline
    /// (a closed laptop sends no "offline").</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often every instance checks for operators who went silent and hands their chats back to the queue.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PresenceCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Handling time per chat used for the waiting estimate until enough chats were closed to measure it.</summary>
    [Range(1, 120)]
    public int DefaultChatMinutes { get; set; } = 6;

    /// <summary>Articles offered once before the chat is queued ("did one of these answer your question?"); 0 skips the offer.</summary>
    [Range(0, 5)]
    public int SuggestedArticles { get; set; } = 3;

    /// <summary>Days after a chat ended before its transcript is removed; 0 keeps transcripts forever.</summary>
    [Range(0, 36500)]
    public int RetentionDays { get; set; } = 365;

    /// <summary>Older name of <c>HelpCenter:Redis:ConnectionString</c> (read when that is empty): the site's one Redis,
    /// for SignalR scale-out, shared rate limits and more. Empty: one instance, or several whose customers and operators
    /// each stay on one instance (the database stays the truth either way).</summary>
    public string? RedisBackplane { get; set; }

    /// <summary>What happens at the end of the retention period.</summary>
    public ChatRetentionMode RetentionMode { get; set; } = ChatRetentionMode.Anonymize;
}

public enum ChatRetentionMode
{
    /// <summary>Keep the conversation for statistics, replace what identifies the customer and the message text.</summary>
    Anonymize,

    /// <summary>Delete the conversation and its messages.</summary>
    Delete,
}
