using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Contact;

/// <summary>Deflection settings, bound from <c>HelpCenter:Deflection</c>.</summary>
public sealed class DeflectionOptions
{
    public const string Section = "HelpCenter:Deflection";

    /// <summary>Articles offered while the customer types the question.</summary>
    [Range(1, 10)]
    public int SuggestionCount { get; set; } = 5;

    /// <summary>A suggestion is offered only when at least this many of the question's words matched it
    /// (the search already drops results far below the best one).</summary>
    [Range(1, 10)]
    public int MinimumMatchedWords { get; set; } = 1;

    /// <summary>Characters typed before suggestions start.</summary>
    [Range(1, 50)]
    public int MinimumQuestionLength { get; set; } = 2;
}
