namespace HelpCenter.Insights;

/// <summary>
/// One table of an insights page, as text: the page renders it, and the CSV export writes exactly the same cells.
/// <see cref="Id"/> names it in the export link (<c>?handler=Csv&amp;table=...</c>).
/// </summary>
public sealed record InsightsTable(string Id, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Columns holding numbers (right-aligned on the page).</summary>
    public IReadOnlySet<int> NumericColumns { get; init; } = new HashSet<int>();

    /// <summary>Rows whose first cell is a header of the row (a day, a query, an article).</summary>
    public bool RowHeaders { get; init; } = true;
}
