using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests;

/// <summary>
/// The app's GET endpoints, read from its own endpoint list, with sample values for route parameters, so that
/// tests covering "every page" include a page the day it is added. A parameter without a sample value fails loudly.
/// </summary>
public static class EndpointCatalog
{
    public static IReadOnlyList<RoutePattern> GetPatterns(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => e.RoutePattern)
            .DistinctBy(Describe)
            .OrderBy(Describe, StringComparer.Ordinal)
            .ToList();

    /// <summary>The pattern as written, without constraints: <c>/{lang}/articles/{slug}</c>.</summary>
    public static string Describe(RoutePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + (parameter.IsOptional ? "?" : "") + "}",
            _ => "",
        }))));
    }

    /// <summary>A URL for the pattern; <paramref name="userId"/> and <paramref name="reference"/> name real rows.</summary>
    public static string Fill(RoutePattern pattern, string userId, string reference)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var description = Describe(pattern);
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { Name: "lang" } => "ja",
            RoutePatternParameterPart { Name: "slug" } => "phishing",
            RoutePatternParameterPart { Name: "id" } when description.StartsWith("/{lang}/categories", StringComparison.Ordinal) => "security",

            // Articles are numbered as imported from the content folder at start: 1 always exists.
            RoutePatternParameterPart { Name: "id" } when description.StartsWith("/editor/", StringComparison.Ordinal) => "1",
            RoutePatternParameterPart { Name: "file" } => "0123456789abcdef0123456789abcdef.png",
            RoutePatternParameterPart { Name: "id" } => userId,
            RoutePatternParameterPart { Name: "code" } => "404",
            RoutePatternParameterPart { Name: "handler" } => "",
            RoutePatternParameterPart { Name: "reference" } => reference,
            RoutePatternParameterPart { Name: "channel" } => "email",
            RoutePatternParameterPart parameter => throw new InvalidOperationException(
                $"No sample value for {{{parameter.Name}}} in {description}: add one to EndpointCatalog."),
            _ => "",
        }))).Where(s => s.Length > 0);
        return "/" + string.Join('/', segments);
    }
}
