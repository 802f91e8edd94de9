namespace HelpCenter.Audit;

public static class AuditExtensions
{
    /// <summary>The security audit log, written by accounts, chat and staff actions, read by admins.</summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<AuditText>();
        return builder;
    }
}
