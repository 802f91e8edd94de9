namespace HelpCenter.Health;

/// <summary>
/// One section of the <c>/healthz</c> report. Each feature registers its own (articles, search, mail...).
/// </summary>
public interface IHealthSection
{
    /// <summary>The JSON property name of this section.</summary>
    string Name { get; }

    /// <summary>The section's value, and whether the feature is healthy.</summary>
    Task<(object Value, bool Healthy)> CheckAsync(CancellationToken cancellationToken);
}
