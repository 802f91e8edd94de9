using Microsoft.Extensions.Options;

namespace HelpCenter.Contact;

public static class ContactExtensions
{
    /// <summary>The contact flow: question and deflection, channels and their hours, the forms that open a request.</summary>
    public static WebApplicationBuilder AddContact(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ContactOptions>().BindConfiguration(ContactOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ContactOptions>, ContactOptionsValidator>();
        builder.Services.AddOptions<DeflectionOptions>().BindConfiguration(DeflectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ChannelHours>();
        builder.Services.AddSingleton<ScreenshotStore>();
        builder.Services.AddSingleton<PendingScreenshots>();
        builder.Services.AddScoped<RequestForm>();
        builder.Services.AddScoped<ContactFlowService>();
        builder.Services.AddScoped<RequestContextBuilder>();
        builder.Services.AddSingleton<VisitorHistory>();
        builder.Services.AddScoped<ContactRequests>();
        builder.Services.AddScoped<MostRead>();
        return builder;
    }
}
