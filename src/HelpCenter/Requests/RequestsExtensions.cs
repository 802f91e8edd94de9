namespace HelpCenter.Requests;

public static class RequestsExtensions
{
    /// <summary>Support requests: storage, replies by mail and the import of customers' replies.</summary>
    public static WebApplicationBuilder AddRequests(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RequestService>();
        builder.Services.AddScoped<SecurityReports>();
        builder.Services.AddSingleton<InboundMailImporter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<InboundMailImporter>());
        return builder;
    }
}
