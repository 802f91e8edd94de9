namespace HelpCenter.Requests;

public static class RequestsExtensions
{
    public static WebApplicationBuilder AddRequests(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeflectionOptions>().BindConfiguration(DeflectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<RequestService>();
        builder.Services.AddScoped<ContactFlowService>();
        builder.Services.AddScoped<RequestContextBuilder>();
        builder.Services.AddScoped<VisitorHistory>();
        builder.Services.AddScoped<ContactRequests>();
        builder.Services.AddScoped<DeflectionReport>();
        return builder;
    }
}
