using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
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
        services.AddSingleton<IValidateOptions<HelpCenterOptions>, HelpCenterOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SiteClock>();
        services.AddSingleton<AnalyticsBudget>();
        ProxyOptions.AddProxy(services);

        // No "Server: Kestrel": nothing for a scanner to match against a list of known flaws.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // A malformed parameter (?limit=abc) is the same 400 in every environment; by default Development throws instead.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

        // Keys live in the database (table DataProtectionKeys) so that cookies, antiforgery tokens and signed links survive
        // restarts and work on every instance sharing the database. The application name, not the content path, names
        // the key ring: two instances installed in different folders must read each other's tokens.
        services.AddDataProtection().SetApplicationName("HelpCenter").PersistKeysToDbContext<Data.HelpCenterDbContext>();

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
                return ClientRateLimits.PostsPerIp(context, RateLimitOptions.PublicFormPolicy, settings.PublicFormPermits, TimeSpan.FromSeconds(settings.PublicFormWindowSeconds));
            });
            limiter.AddPolicy(RateLimitOptions.SearchApiPolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return ClientRateLimits.PerIp(context, RateLimitOptions.SearchApiPolicy, settings.SearchApiPermitsPerMinute, TimeSpan.FromMinutes(1));
            });
            limiter.OnRejected = (context, _) =>
            {
                // Re-executed by the status code page middleware into a friendly, localised page. Retry-After is when the
                // window that refused this request ends, so a well-behaved client neither waits too long nor retries early.
                var retryAfter = ClientRateLimits.RetryAfter(context.Lease) ?? TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });

        services.AddOutputCache(options => options.AddPolicy(PublicPageCache.Policy, new PublicPageCache()));

        // Brotli, then gzip, for pages, styles, scripts, JSON and SVG. Safe over HTTPS here (BREACH needs a secret that
        // repeats in every response next to attacker-chosen text; antiforgery tokens are new in every response).
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "application/json", "application/xml", "image/svg+xml", "text/plain"];
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);

        // Razor Pages validate the antiforgery token on every POST by default.
        services.AddRazorPages().AddViewLocalization().AddDataAnnotationsLocalization(options =>
            options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Localization.SharedResource)));
        PlaceholderAntiforgery.Decorate(services);

        // Razor encodes every non-ASCII character by default (&#x4E8C;...): pages in Japanese and Chinese would be
        // three times larger and unreadable in view-source. Only HTML-significant characters need encoding.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    /// <summary>The request pipeline shared by every feature, in the order that matters.</summary>
    public static WebApplication UseSite(this WebApplication app)
    {
        ProxyOptions.UseProxy(app);
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

        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = StaticCaching });
        app.UseRouting();
        app.UseAuthentication();
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<CachedPageTokens>();
        app.UseOutputCache();
        return app;
    }

    /// <summary>Files linked with <c>asp-append-version</c> (<c>?v=hash</c>) never change under that URL: cached for a year.
    /// Others (icons named in content, the favicon) for an hour.</summary>
    private static void StaticCaching(Microsoft.AspNetCore.StaticFiles.StaticFileResponseContext context) =>
        context.Context.Response.Headers.CacheControl = context.Context.Request.Query.ContainsKey("v")
            ? "public, max-age=31536000, immutable"
            : "public, max-age=3600";
}
