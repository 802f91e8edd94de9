using Microsoft.AspNetCore.Http.Extensions;

namespace HelpCenter.Infrastructure;

/// <summary>Paging of staff lists: the current page, the page count and links that keep the other filters.</summary>
public sealed record Pager(int Page, int PageCount, string Path, IReadOnlyDictionary<string, string?> Filters)
{
    public const int PageSize = 50;

    public static int Clamp(int page) => Math.Clamp(page, 1, 100_000);

    public static int Pages(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    public string Url(int page)
    {
        var query = new QueryBuilder(Filters.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => KeyValuePair.Create(f.Key, f.Value!)))
        {
            { "page", page.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return Path + query;
    }
}
