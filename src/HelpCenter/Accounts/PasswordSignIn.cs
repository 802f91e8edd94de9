using Microsoft.AspNetCore.Identity;

namespace HelpCenter.Accounts;

/// <summary>
/// The sign-in page's decisions (Pages/Account/Login): a password or a passkey checked with the throttle, each outcome
/// recorded in the account's activity, and what comes next. The page only turns the answer into a response.
/// </summary>
public sealed class PasswordSignIn(HelpCenterSignInManager signIn, UserManager<ApplicationUser> users, AccountActivity activity, SignInThrottle throttle)
{
    public enum Next
    {
        /// <summary>Signed in: go where the customer was going.</summary>
        SignedIn,

        /// <summary>Signed in as staff without an authenticator: setting one up comes first.</summary>
        SetUpAuthenticator,

        /// <summary>The password (or a passkey that does not verify the user) was one factor: the code is the second.</summary>
        SecondFactor,

        /// <summary>Too many failures: wait <see cref="Outcome.Wait"/>.</summary>
        Delayed,

        /// <summary>Wrong address or password (never which).</summary>
        Failed,

        Frozen,

        NotConfirmed,

        /// <summary>The passkey was not accepted.</summary>
        PasskeyFailed,
    }

    /// <param name="User">The account signed in (for its landing page), when there is one.</param>
    public sealed record Outcome(Next Next, TimeSpan Wait = default, ApplicationUser? User = null);

    public async Task<Outcome> WithPasswordAsync(string email, string password, bool rememberMe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        email = email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (await throttle.WaitAsync(user, email, cancellationToken) is { } wait)
        {
            return new Outcome(Next.Delayed, wait);
        }

        if (user is null)
        {
            // The same work (one password hash), the same count and the same answer as a wrong password: don't reveal
            // whether the account exists, not even by how long the answer takes.
            signIn.VerifyDummyPassword(password);
            await throttle.FailedAsync(null, email, cancellationToken);
            return new Outcome(Next.Failed);
        }

        var result = await signIn.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(user, cancellationToken);
            await activity.RecordAsync(user, SignInOutcome.Succeeded, cancellationToken);
            return new Outcome(await users.GetTwoFactorEnabledAsync(user) || !await IsStaffAsync(user) ? Next.SignedIn : Next.SetUpAuthenticator, User: user);
        }

        if (result.RequiresTwoFactor)
        {
            await activity.RecordAsync(user, SignInOutcome.SecondFactorRequired, cancellationToken);
            return new Outcome(Next.SecondFactor, User: user);
        }

        // NotAllowed is decided before the password is checked: only say why to someone who knows the password.
        if (result.IsNotAllowed && await users.CheckPasswordAsync(user, password))
        {
            await activity.RecordAsync(user, user.IsFrozen ? SignInOutcome.Frozen : SignInOutcome.NotAllowed, cancellationToken);
            return new Outcome(user.IsFrozen ? Next.Frozen : Next.NotConfirmed);
        }

        await throttle.FailedAsync(user, email, cancellationToken);
        await activity.RecordAsync(user, SignInOutcome.WrongPassword, cancellationToken);
        return new Outcome(Next.Failed);
    }

    /// <summary>WebAuthn request options for a discoverable passkey (no user named yet).</summary>
    public Task<string> PasskeyOptionsAsync() => signIn.MakePasskeyRequestOptionsAsync(user: null);

    /// <summary>Signs in with the assertion the browser produced (filled in by passkeys.js).</summary>
    public async Task<Outcome> WithPasskeyAsync(string? credentialJson, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(credentialJson) || credentialJson.Length > 20_000)
        {
            return new Outcome(Next.PasskeyFailed);
        }

        var result = await signIn.PasskeySignInAsync(credentialJson);
        var user = await PasskeyOwnerAsync(credentialJson);
        if (result.RequiresTwoFactor && user is not null)
        {
            // A passkey that does not verify the user is one factor: the authenticator code is the second.
            await activity.RecordAsync(user, SignInOutcome.SecondFactorRequired, cancellationToken);
            return new Outcome(Next.SecondFactor, User: user);
        }

        if (!result.Succeeded || user is null)
        {
            if (user is not null)
            {
                await activity.RecordAsync(user, user.IsFrozen ? SignInOutcome.Frozen : SignInOutcome.NotAllowed, cancellationToken);
            }

            return new Outcome(user?.IsFrozen == true ? Next.Frozen : Next.PasskeyFailed);
        }

        await activity.RecordAsync(user, SignInOutcome.Succeeded, cancellationToken);
        return new Outcome(Next.SignedIn, User: user);
    }

    /// <summary>The account a credential belongs to, from the credential's id (<c>rawId</c>, base64url).</summary>
    private async Task<ApplicationUser?> PasskeyOwnerAsync(string credentialJson)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(credentialJson);
            return json.RootElement.TryGetProperty("rawId", out var rawId) && rawId.GetString() is { } id
                ? await users.FindByPasskeyIdAsync(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(id))
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task<bool> IsStaffAsync(ApplicationUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return roles.Any(Roles.Staff.Contains);
    }
}
