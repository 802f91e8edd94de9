using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HelpCenter.Accounts;

public static class AccountsExtensions
{
    public const string AuthCookieName = "hc_auth";

    /// <summary>Rate-limiting policy of the sign-in forms (password, second factor, recovery code), per IP.</summary>
    public const string SignInPolicy = "sign-in";

    /// <summary>Rate-limiting policy of forms that send mail to an address typed by a visitor, per IP.</summary>
    public const string AccountMailPolicy = "account-mail";

    /// <summary>Identity with the site's rules, the staff policies, account services and optional single sign-on.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var settings = builder.Configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();

        services.AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.SignIn.RequireConfirmedEmail = true;
                options.User.RequireUniqueEmail = true;
                // No hard lockout: five wrong passwords from anyone locked the owner out too. SignInThrottle slows
                // guessing instead, apart for the browsers the account knows.
                options.Lockout.AllowedForNewUsers = false;
                options.Lockout.MaxFailedAccessAttempts = int.MaxValue;

                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                options.Password.RequiredLength = settings.PasswordMinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;

                // Version 3 adds the passkey table of .NET 10 Identity.
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddEntityFrameworkStores<HelpCenterDbContext>()
            .AddSignInManager<HelpCenterSignInManager>()
            .AddClaimsPrincipalFactory<HelpCenterClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        // Passkeys must verify the user (PIN or biometrics), stated here rather than left to a default, and belong to
        // the site's public name, not to whatever Host header a request carries.
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<Mail.MailOptions>>((passkeys, mail) =>
        {
            passkeys.UserVerificationRequirement = "required";
            passkeys.ServerDomain = Uri.TryCreate(mail.Value.PublicBaseUrl, UriKind.Absolute, out var uri) ? uri.IdnHost : null;
        });

        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromSeconds(settings.SessionCheckSeconds));
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = AuthCookieName;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
        });
        services.AddSingleton<AccountSessions>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<AccountSessions>((options, sessions) => options.SessionStore = sessions);

        // Every cookie Identity writes (session, two-step, remember-this-browser, external): HttpOnly, SameSite=Lax
        // (Strict would drop the session when a customer follows a link from our own mail), Secure outside development.
        var secure = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
            ? CookieSecurePolicy.SameAsRequest
            : CookieSecurePolicy.Always;
        services.PostConfigureAll<CookieAuthenticationOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secure;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Agent, policy => policy.RequireRole(Roles.Agent, Roles.Admin).RequireClaim(HelpCenterClaimsFactory.TwoFactorClaim))
            .AddPolicy(Policies.Editor, policy => policy.RequireRole(Roles.Editor, Roles.Admin).RequireClaim(HelpCenterClaimsFactory.TwoFactorClaim))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin).RequireClaim(HelpCenterClaimsFactory.TwoFactorClaim))
            .AddPolicy(Policies.Staff, policy => policy.RequireRole(Roles.Agent, Roles.Editor, Roles.Admin).RequireClaim(HelpCenterClaimsFactory.TwoFactorClaim));

        if (settings.OpenIdConnect.Enabled)
        {
            builder.Services.AddAuthentication().AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, settings.OpenIdConnect.DisplayName, options =>
            {
                options.SignInScheme = IdentityConstants.ExternalScheme;
                options.Authority = settings.OpenIdConnect.Authority;
                options.ClientId = settings.OpenIdConnect.ClientId;
                options.ClientSecret = settings.OpenIdConnect.ClientSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.Scope.Add("email");
                options.CallbackPath = "/signin-oidc";
            });
        }

        // Staff areas are protected by folder, so that a new page cannot be left open by mistake.
        services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/Account/Manage");
            options.Conventions.AuthorizeFolder("/Account/Security");
            options.Conventions.AuthorizeFolder("/Agent", Policies.Agent);
            options.Conventions.AuthorizeFolder("/Editor", Policies.Editor);
            options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
        });

        services.Configure<RateLimiterOptions>(limiter =>
        {
            limiter.AddPolicy(SignInPolicy, context => PostsPerIp(context, SignInPolicy, o => o.SignInPermitsPerIp, o => TimeSpan.FromSeconds(o.SignInWindowSeconds)));
            limiter.AddPolicy(AccountMailPolicy, context => PostsPerIp(context, AccountMailPolicy, o => o.AccountMailPermitsPerIp, _ => TimeSpan.FromMinutes(15)));
        });

        services.AddHttpContextAccessor();
        services.AddScoped<AccountActivity>();
        services.AddScoped<AccountMail>();
        services.AddScoped<AccountSecurity>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<Reauthentication>();
        services.AddHostedService<AccountSeeder>();
        return builder;
    }

    private static RateLimitPartition<string> PostsPerIp(HttpContext context, string policy, Func<AccountOptions, int> permits, Func<AccountOptions, TimeSpan> window)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value;
        return ClientRateLimits.PostsPerIp(context, policy, permits(settings), window(settings));
    }
}
