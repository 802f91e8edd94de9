using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;

namespace HelpCenter.Audit;

/// <summary>Writes audit events to the database and to the application log, both with sanitised text.</summary>
public sealed class AuditLog(HelpCenterDbContext db, IHttpContextAccessor http, TimeProvider clock, ILogger<AuditLog> logger)
{
    public async Task WriteAsync(string kind, string? subjectId, string? detail = null, string? actorId = null, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext;
        actorId ??= context?.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var safeDetail = detail is null ? null : LogText.Safe(detail);
        if (safeDetail?.Length > AuditEvent.DetailMaxLength)
        {
            safeDetail = safeDetail[..AuditEvent.DetailMaxLength];
        }

        db.Add(new AuditEvent
        {
            At = clock.GetUtcNow(),
            Kind = kind,
            ActorId = actorId,
            SubjectId = subjectId,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
            Detail = safeDetail,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Audit {Kind} subject={Subject} actor={Actor} {Detail}", kind, subjectId, actorId, safeDetail);
    }
}
