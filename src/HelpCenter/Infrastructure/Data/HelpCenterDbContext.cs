using HelpCenter.Accounts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Infrastructure.Data;

/// <summary>
/// The site's database: Identity's tables plus each feature's entities. Each feature keeps its entities and
/// their <see cref="IEntityTypeConfiguration{T}"/> in its own folder; they are picked up from this assembly.
/// This type is the SQLite one (its migrations are <c>Migrations/</c>); <see cref="PostgresHelpCenterDbContext"/> is the
/// same model on PostgreSQL with its own migration set. Features always ask for this type.
/// </summary>
public class HelpCenterDbContext : IdentityDbContext<ApplicationUser, IdentityRole, string>, IDataProtectionKeyContext
{
    public HelpCenterDbContext(DbContextOptions<HelpCenterDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's derived context (its own options type, its own migrations).</summary>
    protected HelpCenterDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The data-protection key ring (cookies, antiforgery tokens, signed links), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Feedback.ArticleFeedback> ArticleFeedback => Set<Feedback.ArticleFeedback>();

    public DbSet<Search.SearchLog> SearchLogs => Set<Search.SearchLog>();

    public DbSet<SignInRecord> SignIns => Set<SignInRecord>();

    public DbSet<UnknownSignIn> UnknownSignIns => Set<UnknownSignIn>();

    public DbSet<Audit.AuditEvent> AuditEvents => Set<Audit.AuditEvent>();

    public DbSet<Requests.SupportRequest> Requests => Set<Requests.SupportRequest>();

    public DbSet<Requests.RequestMessage> RequestMessages => Set<Requests.RequestMessage>();

    public DbSet<Requests.ReferenceCounter> ReferenceCounters => Set<Requests.ReferenceCounter>();

    public DbSet<Contact.ContactFlow> ContactFlows => Set<Contact.ContactFlow>();

    public DbSet<Contact.ArticleView> ArticleViews => Set<Contact.ArticleView>();

    public DbSet<Chat.AgentPresence> AgentPresences => Set<Chat.AgentPresence>();

    public DbSet<Articles.StoredArticle> Articles => Set<Articles.StoredArticle>();

    public DbSet<Articles.ArticleRevision> ArticleRevisions => Set<Articles.ArticleRevision>();

    public DbSet<Articles.RevisionComment> RevisionComments => Set<Articles.RevisionComment>();

    public DbSet<Articles.ArticleImage> ArticleImages => Set<Articles.ArticleImage>();

    public DbSet<Articles.StoredSynonyms> Synonyms => Set<Articles.StoredSynonyms>();

    public DbSet<Articles.ContentVersion> ContentVersions => Set<Articles.ContentVersion>();

    public DbSet<Insights.DismissedQuery> DismissedQueries => Set<Insights.DismissedQuery>();

    public DbSet<Insights.SearchQueryDay> SearchQueryDays => Set<Insights.SearchQueryDay>();

    public DbSet<Insights.SearchDay> SearchDays => Set<Insights.SearchDay>();

    public DbSet<Insights.SearchQueryWindow> SearchQueryWindows => Set<Insights.SearchQueryWindow>();

    public DbSet<Insights.ArticleDay> ArticleDays => Set<Insights.ArticleDay>();

    public DbSet<Insights.FlowDay> FlowDays => Set<Insights.FlowDay>();

    public DbSet<Insights.InsightsRollupState> InsightsRollupStates => Set<Insights.InsightsRollupState>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HelpCenterDbContext).Assembly);
    }
}
