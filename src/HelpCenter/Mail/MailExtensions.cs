namespace HelpCenter.Mail;

public static class MailExtensions
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MailSender>();
        builder.Services.AddSingleton<MailComposer>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<PublicUrl>();
        return builder;
    }
}
