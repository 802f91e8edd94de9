using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using HelpCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Accounts;

/// <summary>
/// Server-side sessions: the sign-in cookie carries only a random key, the ticket lives in the database. Signing out
/// deletes the row, so a copied cookie is worthless afterwards (with tickets in the cookie alone, it stayed valid
/// until it expired); "sign out everywhere" and a freeze delete every row of the account, ending all its sessions
/// at their next request, SignalR connections included. The database stores a hash of the key, never the key.
/// </summary>
public sealed class AccountSessions(IServiceScopeFactory scopes, TimeProvider clock) : ITicketStore
{
    /// <summary>The hash of the session's key, on the principal so that long-lived connections can check it.</summary>
    public const string SessionClaim = "hc:session";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var id = Hash(key);
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A session needs a user id.");
        Tag(ticket, id);
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        db.Set<AccountSession>().Add(new AccountSession
        {
            Id = id,
            UserId = userId,
            Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc ?? now.AddDays(14),
        });
        await db.SaveChangesAsync();

        // Housekeeping at each sign-in (indexed): sessions that expired without a sign-out.
        await db.Set<AccountSession>().Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var id = Hash(key);
        Tag(ticket, id);
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ticket.Properties.ExpiresUtc ?? clock.GetUtcNow().AddDays(14);
        await using var scope = scopes.CreateAsyncScope();

        // An update, never an insert: a session deleted meanwhile (sign-out elsewhere) is not brought back.
        await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Set<AccountSession>().Where(s => s.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var id = Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        var session = await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Set<AccountSession>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == id);
        return session is null || session.ExpiresAt < clock.GetUtcNow() ? null : TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        var id = Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Set<AccountSession>().Where(s => s.Id == id).ExecuteDeleteAsync();
    }

    /// <summary>The session this principal was read from still exists (for connections that outlive a request).</summary>
    public async Task<bool> IsActiveAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirstValue(SessionClaim) is not { } id)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Set<AccountSession>().AnyAsync(s => s.Id == id && s.ExpiresAt >= now);
    }

    /// <summary>Ends every session of the account at its next request; <paramref name="except"/> keeps the current one.</summary>
    public async Task RevokeAllAsync(string userId, ClaimsPrincipal? except = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var keep = except?.FindFirstValue(SessionClaim) ?? "";
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Set<AccountSession>()
            .Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(cancellationToken);
    }

    private static void Tag(AuthenticationTicket ticket, string id)
    {
        var identity = ticket.Principal.Identities.First();
        foreach (var old in identity.FindAll(SessionClaim).ToList())
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaim(new Claim(SessionClaim, id));
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key ?? "")));
}

/// <summary>One signed-in browser (see <see cref="AccountSessions"/>).</summary>
public sealed class AccountSession
{
    /// <summary>SHA-256 of the key in the cookie.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public required byte[] Ticket { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class AccountSessionConfiguration : IEntityTypeConfiguration<AccountSession>
{
    public void Configure(EntityTypeBuilder<AccountSession> builder)
    {
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.ExpiresAt).HasConversion<UtcTicksConverter>();
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
