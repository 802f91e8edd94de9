using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HelpCenter.Infrastructure;

public static class SiteExtensions
{
    /// <summary>Options, paths, data protection, antiforgery, rate limits and Razor Pages.</summary>
    public static WebApplicationBuilder AddSite(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HelpCenterOptions>().BindConfiguration(HelpCenterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SitePaths>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AnalyticsBudget>();

        // No "Server: Kestrel": nothing for a scanner to match against a list of known flaws.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // A malformed parameter (?limit=abc) is the same 400 in every environment; by default Development throws instead.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

        // Keys live in the data folder so that cookies and antiforgery tokens survive restarts
        // (and, with a shared data folder, work across instances).
        services.AddDataProtection().SetApplicationName("HelpCenter");
        services.AddOptions<KeyManagementOptions>().Configure<SitePaths>((options, paths) =>
            options.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                new DirectoryInfo(paths.DataFolder("keys")), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "hc_af";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitOptions.PublicFormPolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                // GETs of a page carrying a form are not limited; only submissions are.
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = settings.PublicFormPermits,
                        Window = TimeSpan.FromSeconds(settings.PublicFormWindowSeconds),
                    });
            });
            limiter.AddPolicy(RateLimitOptions.SearchApiPolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.SearchApiPermitsPerMinute, Window = TimeSpan.FromMinutes(1) });
            });
            limiter.OnRejected = (context, _) =>
            {
                // Re-executed by the status code page middleware into a friendly, localised page. Retry-After is when the
                // window that refused this request ends, so a well-behaved client neither waits too long nor retries early.
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });

        // Razor Pages validate the antiforgery token on every POST by default.
        services.AddRazorPages().AddViewLocalization().AddDataAnnotationsLocalization(options =>
            options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Localization.SharedResource)));
        services.AddRouting(options => options.LowercaseUrls = true);

        // Razor encodes every non-ASCII character by default (&#x4E8C;...): pages in Japanese and Chinese would be
        // three times larger and unreadable in view-source. Only HTML-significant characters need encoding.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    /// <summary>The request pipeline shared by every feature, in the order that matters.</summary>
    public static WebApplication UseSite(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();

        // Never show a stack trace to a visitor, in development too; the log has it, with the correlation id.
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
