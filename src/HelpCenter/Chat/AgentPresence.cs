using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Chat;

/// <summary>
/// An operator's availability for chats, kept in the database so that every instance sees the same. The console
/// reports every 30 seconds; an operator not heard from for <see cref="ChatOptions.PresenceTimeout"/> is offline.
/// </summary>
public sealed class AgentPresence
{
    public required string UserId { get; set; }

    public required string DisplayName { get; set; }

    public PresenceStatus Status { get; set; }

    /// <summary>Languages the operator chats in, comma-separated (<c>ja,en</c>).</summary>
    public string Languages { get; set; } = "ja,en,zh";

    public DateTimeOffset LastSeenAt { get; set; }

    public IReadOnlyList<string> LanguageList => Languages.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool IsOnline(DateTimeOffset now, TimeSpan timeout) => Status == PresenceStatus.Online && now - LastSeenAt <= timeout;

    /// <summary>Away keeps the chats the operator has but takes no new ones; offline (or silent) hands them back.</summary>
    public bool IsReachable(DateTimeOffset now, TimeSpan timeout) => Status != PresenceStatus.Offline && now - LastSeenAt <= timeout;
}

public enum PresenceStatus
{
    Offline,
    Online,
    Away,
}

internal sealed class AgentPresenceConfiguration : IEntityTypeConfiguration<AgentPresence>
{
    public void Configure(EntityTypeBuilder<AgentPresence> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.DisplayName).HasMaxLength(100);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Languages).HasMaxLength(32);
        builder.Ignore(p => p.LanguageList);
    }
}
