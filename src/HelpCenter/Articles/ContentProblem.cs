namespace HelpCenter.Articles;

public enum ProblemSeverity
{
    /// <summary>The file is still used, but something should be fixed.</summary>
    Warning,

    /// <summary>The file is skipped until it is fixed.</summary>
    Error,
}

/// <summary>Something wrong in a content file, phrased so that an editor can fix it.</summary>
/// <param name="File">Path relative to the content root, with forward slashes.</param>
/// <param name="Line">1-based line in the file, when known.</param>
public sealed record ContentProblem(string File, int? Line, ProblemSeverity Severity, string Message)
{
    public override string ToString()
    {
        var where = Line is { } line ? $"{File}:{line}" : File;
        var kind = Severity == ProblemSeverity.Error ? "error (file skipped)" : "warning";
        return $"{where}: {kind}: {Message}";
    }
}
