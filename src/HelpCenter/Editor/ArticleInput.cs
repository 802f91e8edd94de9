using System.ComponentModel.DataAnnotations;
using HelpCenter.Articles;
using HelpCenter.Localization;

namespace HelpCenter.Editor;

/// <summary>The article form of the console: front matter as fields, the Markdown body, a note for the revision.</summary>
public sealed class ArticleInput
{
    public const int BodyMaxLength = 200_000;

    [Required(ErrorMessage = "Validation.Required"), StringLength(300, ErrorMessage = "Validation.TooLong")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), RegularExpression("^[a-z0-9][a-z0-9-]{0,99}$", ErrorMessage = "Editor.IdFormat")]
    public string Category { get; set; } = "";

    /// <summary>Comma-separated (、 works too).</summary>
    [StringLength(1000, ErrorMessage = "Validation.TooLong")]
    public string? Tags { get; set; }

    [StringLength(1000, ErrorMessage = "Validation.TooLong")]
    public string? Summary { get; set; }

    public bool Faq { get; set; }

    [Range(-100_000, 100_000, ErrorMessage = "Validation.Invalid")]
    public int Order { get; set; }

    [Required(ErrorMessage = "Validation.Required"), RegularExpression("^[a-z0-9][a-z0-9-]{0,99}$", ErrorMessage = "Editor.IdFormat")]
    public string Slug { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), RegularExpression("^(ja|en|zh)$", ErrorMessage = "Validation.Invalid")]
    public string Language { get; set; } = Languages.Default;

    [Required(ErrorMessage = "Validation.Required"), StringLength(BodyMaxLength, ErrorMessage = "Validation.TooLong")]
    public string Body { get; set; } = "";

    [StringLength(ArticleRevision.NoteMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? Note { get; set; }

    /// <summary>The revision the editor started from (conflict detection).</summary>
    public int BaseNumber { get; set; }

    /// <summary>The article as typed. Model binding turns empty fields into null, so a rejected form gets here with them too.</summary>
    public ArticleSource ToSource() =>
        new(Language ?? Languages.Default, (Slug ?? "").Trim(), (Title ?? "").Trim(), (Category ?? "").Trim(), ArticleSource.ParseTags(Tags), Summary?.Trim() ?? "",
            Faq, Order, null, (Body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal));

    public static ArticleInput From(ArticleSource source, int baseNumber)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new()
        {
            Title = source.Title,
            Category = source.CategoryId,
            Tags = string.Join(", ", source.Tags),
            Summary = source.Summary,
            Faq = source.Faq,
            Order = source.Order,
            Slug = source.Slug,
            Language = source.Language,
            Body = source.Body,
            BaseNumber = baseNumber,
        };
    }
}
