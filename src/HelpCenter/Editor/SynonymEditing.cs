using System.Text;
using HelpCenter.Articles;
using HelpCenter.Audit;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Search;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Editor;

/// <summary>
/// The console's synonym editor. The rules stay one text in <c>synonyms.txt</c>'s format; an editor edits the
/// section of one language (<c>[ja]</c>...) and can try a query against the rules as typed before saving them.
/// </summary>
public sealed class SynonymEditing(HelpCenterDbContext db, ContentStore content, SearchService search, AuditLog audit, TimeProvider clock)
{
    /// <summary>The stored text and its version (for conflict detection); empty when there are no synonyms yet.</summary>
    public async Task<(string Text, int Version)> LoadAsync(CancellationToken cancellationToken = default)
    {
        var stored = await db.Synonyms.AsNoTracking().FirstOrDefaultAsync(s => s.Id == StoredSynonyms.SingletonId, cancellationToken);
        return (stored?.Text ?? "", stored?.Version ?? 0);
    }

    /// <summary>The rules of one language's sections, without the section lines.</summary>
    public static string Section(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        foreach (var (line, section) in Lines(text))
        {
            if (section == language && !IsHeader(line))
            {
                lines.Add(line);
            }
        }

        return string.Join('\n', lines).Trim('\n');
    }

    /// <summary>The whole text with <paramref name="language"/>'s sections replaced by one holding <paramref name="rules"/>, where the first one was.</summary>
    public static string Replace(string text, string language, string rules)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(rules);
        var result = new StringBuilder();
        var placed = false;
        var replacement = $"[{language}]\n{rules.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n')}\n";
        foreach (var (line, section) in Lines(text))
        {
            if (section != language)
            {
                result.Append(line).Append('\n');
            }
            else if (!placed)
            {
                result.Append(replacement);
                placed = true;
            }
        }

        if (!placed)
        {
            result.Append('\n').Append(replacement);
        }

        return result.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Results of <paramref name="query"/> with the rules in use and with <paramref name="text"/>'s rules.</summary>
    public (SearchResults Before, SearchResults After, IReadOnlyList<ContentProblem> Problems) Try(string query, string language, string text)
    {
        var problems = new List<ContentProblem>();
        var candidate = ContentLoader.ParseSynonyms(text, problems);
        var request = new SearchRequest(query, language, Limit: 10);
        return (search.Engine.Search(request), search.Engine.Search(request, candidate), problems);
    }

    /// <summary>Saves the whole text; false when someone saved since <paramref name="version"/> was read.</summary>
    public async Task<bool> SaveAsync(string text, int version, string language, EditorActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow();
        var stored = await db.Synonyms.FirstOrDefaultAsync(s => s.Id == StoredSynonyms.SingletonId, cancellationToken);
        if ((stored?.Version ?? 0) != version)
        {
            return false;
        }

        if (stored is null)
        {
            stored = new StoredSynonyms { Text = text };
            db.Synonyms.Add(stored);
        }

        stored.Text = text;
        stored.ChangedBy = actor.Name;
        stored.ChangedAt = now;
        stored.FileReplacedBrowserEdit = false;
        stored.Version++;
        await ContentStore.BumpVersionAsync(db, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }

        await content.ReloadAsync(importFiles: false, cancellationToken);
        await audit.WriteAsync(AuditKinds.SynonymsSaved, "synonyms", language, actor.Id, cancellationToken);
        return true;
    }

    private static bool IsHeader(string line)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith('[') && trimmed.EndsWith(']');
    }

    /// <summary>Each line with the section it belongs to ("all" before the first header), as <see cref="SynonymSet.Parse"/> reads them.</summary>
    private static IEnumerable<(string Line, string Section)> Lines(string text)
    {
        var section = "all";
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            if (IsHeader(lines[i]))
            {
                section = lines[i].Trim()[1..^1].Trim().ToLowerInvariant();
            }

            yield return (lines[i], section);
        }
    }
}
