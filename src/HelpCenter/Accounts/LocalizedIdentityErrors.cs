using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Accounts;

/// <summary>Identity's error messages in the visitor's language (Identity itself only speaks English).</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<Localization.SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError));

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken));

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed));

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail));

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidEmail));

    // Shown only where the address belongs to the signed-in customer's own change; registration never shows it.
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail));

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateEmail));

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), uniqueChars);

    private IdentityError Error(string code, params object[] arguments) =>
        new() { Code = code, Description = localizer["Identity." + code, arguments].Value };
}
