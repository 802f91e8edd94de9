using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Infrastructure.Data;

/// <summary>
/// The site's database. Each feature keeps its entities and their <see cref="IEntityTypeConfiguration{T}"/>
/// in its own folder; they are picked up from this assembly.
/// </summary>
public sealed class HelpCenterDbContext(DbContextOptions<HelpCenterDbContext> options) : DbContext(options)
{
    public DbSet<Feedback.ArticleFeedback> ArticleFeedback => Set<Feedback.ArticleFeedback>();

    public DbSet<Search.SearchLog> SearchLogs => Set<Search.SearchLog>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HelpCenterDbContext).Assembly);
    }
}
