using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpCenter.Accounts;

/// <summary>Identity's sign-in manager, plus: a frozen account cannot sign in (the result is NotAllowed); a passkey
/// replaces the authenticator code only when it verifies the user (PIN or biometrics) and was registered so.</summary>
public sealed class HelpCenterSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>Made once per process (this manager lives for one request): hashing it anew would double the cost.</summary>
    private static string? _dummyHash;

    public override async Task<bool> CanSignInAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsFrozen && await base.CanSignInAsync(user);
    }

    /// <summary>Hashes the typed password against a hash no account has: an address without an account costs the
    /// same time as one with a wrong password, so timing does not reveal which addresses are registered.</summary>
    public void VerifyDummyPassword(string password)
    {
        var dummy = new ApplicationUser();
        _dummyHash ??= UserManager.PasswordHasher.HashPassword(dummy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        UserManager.PasswordHasher.VerifyHashedPassword(dummy, _dummyHash, password ?? "");
    }

    /// <summary>
    /// A passkey is the whole sign-in (the second step skipped) only if this assertion verified the user and the
    /// passkey was registered with user verification; otherwise it counts as one factor and accounts with two-step
    /// verification (all staff) are asked for their code as after a password.
    /// </summary>
    public override async Task<SignInResult> PasskeySignInAsync(string credentialJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialJson);
        var assertion = await PerformPasskeyAssertionAsync(credentialJson);
        if (!assertion.Succeeded)
        {
            return SignInResult.Failed;
        }

        if (await PreSignInCheck(assertion.User) is { } refused)
        {
            return refused;
        }

        if (!(await UserManager.AddOrUpdatePasskeyAsync(assertion.User, assertion.Passkey)).Succeeded)
        {
            return SignInResult.Failed;
        }

        var userVerified = assertion.Passkey.IsUserVerified && AssertionVerifiedUser(credentialJson);
        return await SignInOrTwoFactorAsync(assertion.User, isPersistent: false, loginProvider: null, bypassTwoFactor: userVerified);
    }

    /// <summary>The UV flag (bit 2) of the authenticator data the browser signed.</summary>
    private static bool AssertionVerifiedUser(string credentialJson)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(credentialJson);
            var data = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(json.RootElement.GetProperty("response").GetProperty("authenticatorData").GetString()!);
            return data.Length > 32 && (data[32] & 0x04) != 0;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}

/// <summary>Adds the claims the site checks without a database query: whether two-step verification is on
/// (staff pages require it) and the account's language.</summary>
public sealed class HelpCenterClaimsFactory(UserManager<ApplicationUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    public const string TwoFactorClaim = "hc:2fa";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoFactorClaim, "on"));
        }

        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        }

        return identity;
    }
}
