using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace HelpCenter.Infrastructure;

/// <summary>
/// Gives every request a short id that appears in each log line of that request and on the error page,
/// so a customer can quote it to support. An incoming X-Correlation-Id from a proxy is kept if well-formed.
/// </summary>
public sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string Header = "X-Correlation-Id";

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")]
    private static partial Regex WellFormed();

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = WellFormed().IsMatch(incoming) ? incoming : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        context.TraceIdentifier = id;

        // OnStarting, not now: the exception handler clears the headers before rendering the error page.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }
}
