using System.Text;

namespace HelpCenter.Insights;

/// <summary>RFC 4180 CSV of an <see cref="InsightsTable"/>, in UTF-8 with a byte order mark (Excel in Japan reads it
/// as UTF-8 only then).</summary>
public static class Csv
{
    public static byte[] Write(InsightsTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        AppendLine(text, table.Columns);
        foreach (var row in table.Rows)
        {
            AppendLine(text, row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>One cell. Queries and comments are customers' text: a cell that a spreadsheet would take for a formula
    /// (=, +, -, @, tab, CR) is prefixed with an apostrophe, so opening the export runs nothing. Negative numbers are
    /// never written by the insights tables, so nothing numeric is changed by this.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny(['"', ',', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void AppendLine(StringBuilder text, IEnumerable<string> cells)
    {
        text.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }
}
