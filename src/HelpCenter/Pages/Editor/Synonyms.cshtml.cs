using System.ComponentModel.DataAnnotations;
using HelpCenter.Articles;
using HelpCenter.Editor;
using HelpCenter.Localization;
using HelpCenter.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Editor;

/// <summary>One language's synonym rules, with "try a query" (results with the rules in use and with the typed ones) before saving.</summary>
public sealed class SynonymsModel(SynonymEditing synonyms, IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    public InputModel Input { get; private set; } = new();

    public SearchResults? Before { get; private set; }

    public SearchResults? After { get; private set; }

    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>After a refused save: the rules someone else saved meanwhile, shown next to the typed ones.</summary>
    public string? SavedRules { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public sealed class InputModel
    {
        [Required, RegularExpression("^(all|ja|en|zh)$")]
        public string Language { get; set; } = Languages.Default;

        [StringLength(200_000, ErrorMessage = "Validation.TooLong")]
        public string? Rules { get; set; }

        /// <summary>The stored version the rules were read at (conflict detection).</summary>
        public int Version { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        public string? Query { get; set; }
    }

    /// <summary>With <paramref name="query"/> (insights' "add synonym"): the query is tried against the rules in use,
    /// and starts a new rule at the end of the box for the editor to complete.</summary>
    public async Task OnGetAsync(string? lang, string? query, CancellationToken cancellationToken)
    {
        var (text, version) = await synonyms.LoadAsync(cancellationToken);
        Input.Language = lang is "all" || Languages.IsSupported(lang) ? lang! : Languages.Default;
        Input.Rules = SynonymEditing.Section(text, Input.Language);
        Input.Version = version;
        query = query?.Trim();
        if (!string.IsNullOrEmpty(query) && query.Length <= 200 && Input.Language != "all")
        {
            Input.Query = query;
            Input.Rules = Input.Rules.TrimEnd('\n') + "\n" + query + " => ";
            Before = After = synonyms.Try(query, Input.Language, text).Before;
            Prefilled = true;
        }
    }

    /// <summary>The page was opened from insights with a query: the rules box ends with the rule to complete.</summary>
    public bool Prefilled { get; private set; }

    public async Task<IActionResult> OnPostTryAsync([Bind(Prefix = "Input")] InputModel input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Input = input;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (text, _) = await synonyms.LoadAsync(cancellationToken);
        var language = input.Language == "all" ? Languages.Default : input.Language;
        (Before, After, Problems) = synonyms.Try(input.Query ?? "", language, SynonymEditing.Replace(text, input.Language, input.Rules ?? ""));
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync([Bind(Prefix = "Input")] InputModel input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Input = input;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (text, _) = await synonyms.LoadAsync(cancellationToken);
        if (!await synonyms.SaveAsync(SynonymEditing.Replace(text, input.Language, input.Rules ?? ""), input.Version, input.Language, EditorActor.From(User), cancellationToken))
        {
            // The typed rules stay in the box; the editor compares with the saved ones and saves again.
            Error = localizer["Editor.SynonymsConflict"];
            var (current, version) = await synonyms.LoadAsync(cancellationToken);
            ModelState.Remove("Input.Version");
            input.Version = version;
            SavedRules = SynonymEditing.Section(current, input.Language);
            return Page();
        }

        Done = "Editor.SynonymsSaved";
        return RedirectToPage(new { lang = input.Language });
    }
}
