namespace HelpCenter.Requests;

public static class RequestsExtensions
{
    public static WebApplicationBuilder AddRequests(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RequestService>();
        return builder;
    }
}
