using HelpCenter.Articles;

namespace HelpCenter.Editor;

/// <summary>What the shared article form (<c>Pages/Editor/Articles/_ArticleForm.cshtml</c>) shows.</summary>
public sealed record ArticleFormView(ArticleInput Input, IReadOnlyList<Category> Categories, IReadOnlyList<EditorProblem> Problems, bool IsNew, string Handler);
