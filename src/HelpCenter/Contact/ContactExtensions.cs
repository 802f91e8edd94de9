using Microsoft.Extensions.Options;

namespace HelpCenter.Contact;

public static class ContactExtensions
{
    public static WebApplicationBuilder AddContact(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ContactOptions>().BindConfiguration(ContactOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ContactOptions>, ContactOptionsValidator>();
        builder.Services.AddSingleton<ChannelHours>();
        builder.Services.AddSingleton<ScreenshotStore>();
        return builder;
    }
}
