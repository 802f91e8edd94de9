using Microsoft.Extensions.Options;

namespace HelpCenter.Mail;

/// <summary>Absolute links for mail. Production should set <see cref="MailOptions.PublicBaseUrl"/>: without it the
/// request's Host header is used, which a proxy must not pass through unchecked (see AllowedHosts).</summary>
public sealed class PublicUrl(IOptions<MailOptions> options, IHttpContextAccessor http)
{
    public string Absolute(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var configured = options.Value.PublicBaseUrl.TrimEnd('/');
        if (configured.Length > 0)
        {
            return configured + pathAndQuery;
        }

        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("No request to take the host from; set HelpCenter:Mail:PublicBaseUrl.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";
    }
}
