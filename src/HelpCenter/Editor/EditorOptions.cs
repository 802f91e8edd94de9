using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Editor;

/// <summary>Settings of the editors' console, bound from <c>HelpCenter:Editor</c>.</summary>
public sealed class EditorOptions
{
    public const string Section = "HelpCenter:Editor";

    /// <summary>Categories (comma-separated ids) whose articles are published only after a second editor approves.</summary>
    public string ReviewCategories { get; set; } = "security";

    /// <summary>Largest image accepted for an article.</summary>
    [Range(10_000, 50_000_000)]
    public long MaxImageBytes { get; set; } = 5 * 1024 * 1024;

    public bool RequiresReview(string? categoryId) =>
        categoryId is not null && ReviewCategories.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(categoryId, StringComparer.Ordinal);
}
