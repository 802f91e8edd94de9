using System.Globalization;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Requests;

/// <summary>Creates requests with their reference numbers.</summary>
public sealed class RequestService(HelpCenterDbContext db, TimeProvider clock)
{
    private const int MaxAttempts = 5;

    /// <summary>Numbers are per Tokyo day (<c>HC-yyyyMMdd-NNNN</c>). Two instances may pick the same next number;
    /// the unique index rejects the second, which then takes the following one.</summary>
    public async Task<SupportRequest> CreateAsync(SupportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var day = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var prefix = $"HC-{day}-";
        request.CreatedAt = request.UpdatedAt = now;
        for (var attempt = 1; ; attempt++)
        {
            var taken = await db.Set<SupportRequest>().CountAsync(r => r.Reference.StartsWith(prefix), cancellationToken);
            request.Reference = prefix + (taken + attempt).ToString("D4", CultureInfo.InvariantCulture);
            db.Add(request);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return request;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                db.Entry(request).State = EntityState.Detached;
            }
        }
    }
}
