using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using HelpCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Accounts;

/// <summary>
/// Authenticator codes (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits), each good once. Identity's provider accepts a
/// code for five steps (about two and a half minutes) and as often as it is typed, so a code seen over a shoulder or
/// phished worked again. Here the time step a code belongs to must be later than the last one accepted for the
/// account (claimed in one conditional UPDATE, so two requests racing with one code cannot both win), within one step
/// of the clock either way.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(HelpCenterDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const int StepSeconds = 30;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    /// <summary>The app computes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        if (token is not { Length: 6 } || !token.All(char.IsAsciiDigit)
            || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key || Base32Decode(key) is not { } secret)
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        var code = int.Parse(token, CultureInfo.InvariantCulture);
        long? matched = null;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (Code(secret, step) == code)
            {
                matched = step;
                break;
            }
        }

        if (matched is not { } accepted)
        {
            return false;
        }

        var claimed = await db.Users.Where(u => u.Id == user.Id && (u.LastTotpStep == null || u.LastTotpStep < accepted))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpStep, accepted));
        if (claimed == 0)
        {
            return false;
        }

        // The tracked account is saved again later in this request (Identity writes every column): keep it in step.
        user.LastTotpStep = accepted;
        return true;
    }

    /// <summary>The 6-digit code of a time step (RFC 4226 dynamic truncation).</summary>
    public static int Code(byte[] secret, long step)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 authenticator apps compute HMAC-SHA1; the secret is random, so SHA-1's collisions do not matter here.
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    /// <summary>RFC 4648 base32, as authenticator keys are written (padding and case ignored); null when malformed.</summary>
    public static byte[]? Base32Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return bytes.Count == 0 ? null : [.. bytes];
    }
}
