using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace HelpCenter.Mail;

public static class MailExtensions
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        builder.Services.AddSingleton<MailSender>();
        builder.Services.AddSingleton<MailComposer>();
        builder.Services.AddSingleton<PublicUrl>();

        // Outside development the site answers only to its public name (and loopback, for a health check or a proxy on
        // the same machine) unless AllowedHosts names others: a forged Host header gets a 400 before any page runs.
        if (!builder.Environment.IsDevelopment())
        {
            builder.Services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<MailOptions>>((filtering, mail) =>
            {
                if (filtering.AllowedHosts is [] or ["*"] && Uri.TryCreate(mail.Value.PublicBaseUrl, UriKind.Absolute, out var uri))
                {
                    filtering.AllowedHosts = [uri.IdnHost, "localhost", "127.0.0.1", "[::1]"];
                }
            });
        }

        return builder;
    }
}
