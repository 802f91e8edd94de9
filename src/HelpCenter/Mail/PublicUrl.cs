using Microsoft.Extensions.Options;

namespace HelpCenter.Mail;

/// <summary>Absolute links for mail, from <see cref="MailOptions.PublicBaseUrl"/> only: the Host header is chosen by
/// the client, and a reset link built from it would carry the victim's code to the attacker's host.</summary>
public sealed class PublicUrl(IOptions<MailOptions> options)
{
    public string Absolute(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        return options.Value.PublicBaseUrl.TrimEnd('/') + pathAndQuery;
    }
}
