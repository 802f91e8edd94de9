using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Insights;

/// <summary>A row of a daily table: one site-zone day of one language.</summary>
public interface IDailyRow
{
    DateOnly Day { get; }

    string Language { get; }
}

/// <summary>One site-zone day of searches of one language and normalised query (<see cref="SearchInsights.Normalize"/>),
/// rolled up from <c>SearchLogs</c> by <see cref="InsightsRollup"/> and kept after the raw searches are deleted.
/// <see cref="Query"/> is the day's most frequent spelling. <see cref="FollowedByContact"/> counts the day's searches
/// whose visitor sent a request within <see cref="SearchInsights.ContactWindow"/>.</summary>
public sealed class SearchQueryDay
{
    public long Id { get; set; }

    public DateOnly Day { get; set; }

    public required string Language { get; set; }

    public required string Key { get; set; }

    public required string Query { get; set; }

    public int Searches { get; set; }

    public int NoResult { get; set; }

    public int NoClick { get; set; }

    public int Clicks { get; set; }

    public long RankSum { get; set; }

    public int FollowedByContact { get; set; }
}

/// <summary>The totals of <see cref="SearchQueryDay"/> per day and language (the chart and the headline figures
/// without reading every query of the period).</summary>
public sealed class SearchDay
{
    public long Id { get; set; }

    public DateOnly Day { get; set; }

    public required string Language { get; set; }

    public int Searches { get; set; }

    public int NoResult { get; set; }

    public int NoClick { get; set; }

    public int Clicks { get; set; }

    public long RankSum { get; set; }

    public int FollowedByContact { get; set; }
}

/// <summary>
/// The <see cref="SearchQueryDay"/> rows of the closed days of a preset period (<see cref="Days"/> - 1 days ending
/// <see cref="InsightsRollupState.WindowsThroughDay"/>) summed per language and query: a query of a long tail appears on
/// many days, so summing 90 days of daily rows at each page view is as slow as reading the raw searches. The page adds
/// today's searches to it.
/// </summary>
public sealed class SearchQueryWindow
{
    public long Id { get; set; }

    public int Days { get; set; }

    public required string Language { get; set; }

    public required string Key { get; set; }

    public required string Query { get; set; }

    public int Searches { get; set; }

    public int NoResult { get; set; }

    public int NoClick { get; set; }

    public int Clicks { get; set; }

    public long RankSum { get; set; }

    public int FollowedByContact { get; set; }
}

/// <summary>One site-zone day of one article (language and slug): its views, and the contact requests sent that day
/// whose visitor had read it in the <see cref="ArticleInsights.ContactWindow"/> before.</summary>
public sealed class ArticleDay : IDailyRow
{
    public long Id { get; set; }

    public DateOnly Day { get; set; }

    public required string Language { get; set; }

    public required string Slug { get; set; }

    public int Views { get; set; }

    public int BeforeContact { get; set; }
}

/// <summary>One site-zone day of contact flows that started that day, per language, topic, entry page (without query
/// string) and escalation channel (null: not escalated): the deflection funnel's counts, summed by
/// <see cref="DeflectionReport"/> instead of reading every flow of the period.</summary>
public sealed class FlowDay : IDailyRow
{
    public long Id { get; set; }

    public DateOnly Day { get; set; }

    public required string Language { get; set; }

    /// <summary>"-" when the flow had no topic.</summary>
    public required string Topic { get; set; }

    /// <summary>"-" when unknown.</summary>
    public required string EntryPage { get; set; }

    /// <summary>The channel the flows were escalated to; null for flows not escalated (or of an unknown channel).</summary>
    public string? Channel { get; set; }

    public int Started { get; set; }

    public int Shown { get; set; }

    public int Opened { get; set; }

    public int Solved { get; set; }

    public int Escalated { get; set; }

    /// <summary>Solved flows whose visitor escalated a flow within <see cref="DeflectionReport.CameBackWindow"/>.</summary>
    public int CameBack { get; set; }
}

/// <summary>How far the roll-up got (one row): days up to <see cref="ThroughDay"/> are read from the daily tables,
/// later days from the raw events.</summary>
public sealed class InsightsRollupState
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public DateOnly? ThroughDay { get; set; }

    /// <summary>The last day in <see cref="SearchQueryWindow"/>; the windows are used only when it is yesterday.</summary>
    public DateOnly? WindowsThroughDay { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class InsightsAggregatesConfiguration : IEntityTypeConfiguration<SearchQueryDay>, IEntityTypeConfiguration<SearchDay>,
    IEntityTypeConfiguration<SearchQueryWindow>, IEntityTypeConfiguration<ArticleDay>, IEntityTypeConfiguration<FlowDay>, IEntityTypeConfiguration<InsightsRollupState>
{
    public void Configure(EntityTypeBuilder<SearchQueryDay> builder)
    {
        builder.Property(d => d.Language).HasMaxLength(8);
        builder.Property(d => d.Key).HasMaxLength(Search.SearchLog.QueryMaxLength);
        builder.Property(d => d.Query).HasMaxLength(Search.SearchLog.QueryMaxLength);
        builder.HasIndex(d => new { d.Day, d.Language, d.Key }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SearchDay> builder)
    {
        builder.Property(d => d.Language).HasMaxLength(8);
        builder.HasIndex(d => new { d.Day, d.Language }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SearchQueryWindow> builder)
    {
        builder.Property(d => d.Language).HasMaxLength(8);
        builder.Property(d => d.Key).HasMaxLength(Search.SearchLog.QueryMaxLength);
        builder.Property(d => d.Query).HasMaxLength(Search.SearchLog.QueryMaxLength);
        builder.HasIndex(d => new { d.Days, d.Key, d.Language }).IsUnique();

        // One per list of the page: its first rows are read in order.
        builder.HasIndex(d => new { d.Days, d.Searches, d.Key }).IsDescending(false, true, false);
        builder.HasIndex(d => new { d.Days, d.NoResult, d.Searches, d.Key }).IsDescending(false, true, true, false);
        builder.HasIndex(d => new { d.Days, d.NoClick, d.Searches, d.Key }).IsDescending(false, true, true, false);
        builder.HasIndex(d => new { d.Days, d.FollowedByContact, d.Searches, d.Key }).IsDescending(false, true, true, false);
    }

    public void Configure(EntityTypeBuilder<ArticleDay> builder)
    {
        builder.Property(d => d.Language).HasMaxLength(8);
        builder.Property(d => d.Slug).HasMaxLength(100);
        builder.HasIndex(d => new { d.Day, d.Language, d.Slug }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<FlowDay> builder)
    {
        builder.Property(d => d.Language).HasMaxLength(8);
        builder.Property(d => d.Topic).HasMaxLength(64);
        builder.Property(d => d.EntryPage).HasMaxLength(Contact.ContactFlow.StartPageMaxLength);
        builder.Property(d => d.Channel).HasMaxLength(16);
        builder.HasIndex(d => new { d.Day, d.Language });
    }

    public void Configure(EntityTypeBuilder<InsightsRollupState> builder) => builder.Property(s => s.Id).ValueGeneratedNever();
}
