namespace HelpCenter.Infrastructure;

/// <summary>
/// Headers sent with every response. The CSP allows scripts and styles only from this site: no inline
/// script, no inline style attribute, no framing by other sites.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // OnStarting, not now: the exception handler clears the headers before rendering the error page.
        context.Response.OnStarting(() =>
        {
            Apply(context.Response.Headers);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static void Apply(IHeaderDictionary headers)
    {
        // An endpoint may set a stricter policy of its own (uploaded images are served sandboxed).
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        headers.XContentTypeOptions = "nosniff";

        // Only the editors' preview sets its own (SAMEORIGIN, with frame-ancestors 'self' in its CSP).
        if (string.IsNullOrEmpty(headers.XFrameOptions))
        {
            headers.XFrameOptions = "DENY";
        }

        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
