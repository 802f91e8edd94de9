using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Articles;

/// <summary>
/// One article in one language and where it stands: which of its revisions customers see, which one waits for review
/// or for its publication time. The revisions themselves are <see cref="ArticleRevision"/> rows, never changed once
/// written. Revisions are named by their number within the article (known before saving, so an article and its first
/// revision are written together without a circular reference).
/// </summary>
public sealed class StoredArticle
{
    public const int SlugMaxLength = 100;

    public int Id { get; set; }

    public required string Language { get; set; }

    public required string Slug { get; set; }

    /// <summary>Number of the newest revision; a save based on an older one is a conflict.</summary>
    public int HeadNumber { get; set; }

    /// <summary>The revision customers see; null while a draft or after unpublishing.</summary>
    public int? PublishedNumber { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? UnpublishedAt { get; set; }

    /// <summary>The revision submitted for review and waiting for a second editor.</summary>
    public int? ReviewNumber { get; set; }

    /// <summary>The revision a second editor approved (publishing it needs no further review).</summary>
    public int? ApprovedNumber { get; set; }

    public string? ApprovedById { get; set; }

    /// <summary>The revision to publish at <see cref="PublishAt"/>.</summary>
    public int? ScheduledNumber { get; set; }

    public DateTimeOffset? PublishAt { get; set; }

    public DateTimeOffset? UnpublishAt { get; set; }

    /// <summary>The content file this article was last imported from (relative, forward slashes).</summary>
    public string? SourceFile { get; set; }

    /// <summary>SHA-256 of that file's text at the import: the file is imported again only when it changes.</summary>
    public string? ImportedHash { get; set; }

    public int? ImportedNumber { get; set; }

    /// <summary>A file change replaced revisions written in the browser since the previous import (both stay in history).</summary>
    public bool FileReplacedBrowserEdit { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Bumped by every change: two instances or two editors changing the article at once cannot both win.</summary>
    public int Version { get; set; }

    public List<ArticleRevision> Revisions { get; set; } = [];

    public ArticleStatus Status =>
        ReviewNumber is not null ? ArticleStatus.InReview
        : PublishAt is not null ? ArticleStatus.Scheduled
        : PublishedNumber is not null ? ArticleStatus.Published
        : UnpublishedAt is not null ? ArticleStatus.Unpublished
        : ArticleStatus.Draft;

    /// <summary>The newest revision is not the one customers see.</summary>
    public bool HasUnpublishedChanges => PublishedNumber is { } published && published != HeadNumber;

    public void Touch(DateTimeOffset now)
    {
        ChangedAt = now;
        Version++;
    }
}

public enum ArticleStatus
{
    Draft,
    InReview,
    Scheduled,
    Published,
    Unpublished,
}

public enum RevisionOrigin
{
    /// <summary>Written in the console.</summary>
    Editor,

    /// <summary>Imported from a content file.</summary>
    File,

    /// <summary>A copy of an earlier revision.</summary>
    Restore,
}

/// <summary>One saved version of an article: the front matter and body as written, who wrote it and why.</summary>
public sealed class ArticleRevision
{
    public const int NoteMaxLength = 500;

    public long Id { get; set; }

    public int ArticleId { get; set; }

    public StoredArticle Article { get; set; } = default!;

    public int Number { get; set; }

    public required string Title { get; set; }

    public required string CategoryId { get; set; }

    /// <summary>One tag a line.</summary>
    public string Tags { get; set; } = "";

    public string Summary { get; set; } = "";

    public bool Faq { get; set; }

    public int Order { get; set; }

    /// <summary>The "updated" date shown to customers.</summary>
    public DateOnly Updated { get; set; }

    public required string Body { get; set; }

    public string? AuthorId { get; set; }

    /// <summary>The editor's email, or "file: ja/security/phishing.md" for a file import.</summary>
    public required string AuthorName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? Note { get; set; }

    public RevisionOrigin Origin { get; set; }

    /// <summary>The revision the editor started from.</summary>
    public int? BasedOn { get; set; }

    public List<RevisionComment> Comments { get; set; } = [];

    public ArticleSource ToSource(string language, string slug) =>
        new(language, slug, Title, CategoryId, ArticleSource.TagsFromLines(Tags), Summary, Faq, Order, Updated, Body);

    public ArticleSource ToSource() => ToSource(Article.Language, Article.Slug);
}

/// <summary>A reviewer's or author's remark on one revision.</summary>
public sealed class RevisionComment
{
    public const int TextMaxLength = 2000;

    public long Id { get; set; }

    public long RevisionId { get; set; }

    public string? AuthorId { get; set; }

    public required string AuthorName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string Text { get; set; }
}

/// <summary>
/// The search synonyms as one text in <c>synonyms.txt</c>'s format (sections per language). One row; the file and the
/// console both write it, like articles.
/// </summary>
public sealed class StoredSynonyms
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public required string Text { get; set; }

    public string? ImportedHash { get; set; }

    public string? ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public bool FileReplacedBrowserEdit { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// A counter bumped in the same transaction as every change customers can see (publish, unpublish, schedule run,
/// synonyms). An instance whose snapshot was built at an older value is out of date: the seam for several instances
/// and for output-cache eviction.
/// </summary>
public sealed class ContentVersion
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Value { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>An image uploaded for an article, stored re-encoded under the data folder and served at <c>/media/articles/{Id}</c>.</summary>
public sealed class ArticleImage
{
    public required string Id { get; set; }

    public int ArticleId { get; set; }

    public required string OriginalName { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public long Length { get; set; }

    public string? UploadedById { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

internal sealed class StoredArticleConfiguration : IEntityTypeConfiguration<StoredArticle>
{
    public void Configure(EntityTypeBuilder<StoredArticle> builder)
    {
        builder.ToTable("Articles");
        builder.Property(a => a.Language).HasMaxLength(8);
        builder.Property(a => a.Slug).HasMaxLength(StoredArticle.SlugMaxLength);
        builder.Property(a => a.SourceFile).HasMaxLength(400);
        builder.Property(a => a.ImportedHash).HasMaxLength(64);
        builder.Property(a => a.ApprovedById).HasMaxLength(450);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.Language, a.Slug }).IsUnique();
        builder.HasMany(a => a.Revisions).WithOne(r => r.Article).HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(300);
        builder.Property(r => r.CategoryId).HasMaxLength(100);
        builder.Property(r => r.Tags).HasMaxLength(2000);
        builder.Property(r => r.Summary).HasMaxLength(1000);
        builder.Property(r => r.AuthorId).HasMaxLength(450);
        builder.Property(r => r.AuthorName).HasMaxLength(500);
        builder.Property(r => r.Note).HasMaxLength(ArticleRevision.NoteMaxLength);
        builder.Property(r => r.Origin).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        builder.HasMany(r => r.Comments).WithOne().HasForeignKey(c => c.RevisionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RevisionCommentConfiguration : IEntityTypeConfiguration<RevisionComment>
{
    public void Configure(EntityTypeBuilder<RevisionComment> builder)
    {
        builder.Property(c => c.AuthorId).HasMaxLength(450);
        builder.Property(c => c.AuthorName).HasMaxLength(256);
        builder.Property(c => c.Text).HasMaxLength(RevisionComment.TextMaxLength);
    }
}

internal sealed class StoredSynonymsConfiguration : IEntityTypeConfiguration<StoredSynonyms>
{
    public void Configure(EntityTypeBuilder<StoredSynonyms> builder)
    {
        builder.ToTable("Synonyms");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ImportedHash).HasMaxLength(64);
        builder.Property(s => s.ChangedBy).HasMaxLength(500);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> builder)
    {
        builder.ToTable("ContentVersion");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Value).IsConcurrencyToken();
    }
}

internal sealed class ArticleImageConfiguration : IEntityTypeConfiguration<ArticleImage>
{
    public void Configure(EntityTypeBuilder<ArticleImage> builder)
    {
        builder.Property(i => i.Id).HasMaxLength(40);
        builder.Property(i => i.OriginalName).HasMaxLength(100);
        builder.Property(i => i.UploadedById).HasMaxLength(450);
        builder.HasIndex(i => i.ArticleId);
    }
}
