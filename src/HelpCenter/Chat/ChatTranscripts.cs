using System.Globalization;
using System.Text;
using HelpCenter.Infrastructure;
using HelpCenter.Localization;
using HelpCenter.Mail;
using HelpCenter.Requests;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Chat;

/// <summary>A chat as plain text for the customer (mailed on request): times in the site's time zone, who said what, images by
/// file name. Internal notes are never part of it.</summary>
public sealed class ChatTranscripts(IStringLocalizer<SharedResource> localizer, MailComposer composer, MailSender sender, RequestService requests,
    SiteClock clock)
{

    public string Text(SupportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(Languages.ToCultureName(request.Language));
        try
        {
            var text = new StringBuilder();
            foreach (var m in request.Messages.Where(m => m.Kind != MessageKind.Note).OrderBy(m => m.Sequence))
            {
                // One fixed width in every language: continuation lines are indented to line up under the text.
                var at = clock.ToLocal(m.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                var line = m.Kind switch
                {
                    MessageKind.System => localizer["Chat.System." + m.Body, m.AuthorName ?? ""].Value,
                    _ when m.AttachmentId is not null => $"{Author(m)}: [{localizer["Chat.Image"].Value}] {m.Body}",
                    _ => $"{Author(m)}: {m.Body}",
                };
                text.Append(at).Append("  ").Append(line.Replace("\n", "\n                  ", StringComparison.Ordinal)).Append('\n');
            }

            return text.ToString();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>Mails the transcript in the conversation's language, threaded with the request's other mail.</summary>
    public Task SendAsync(SupportRequest request, string to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = new Dictionary<string, string> { ["Reference"] = request.Reference, ["Transcript"] = Text(request) };
        var message = composer.Compose(to, request.Language, "ChatTranscript", values, requests.PrivateLink(request)) with { ThreadKey = request.Reference };
        return sender.SendAsync(message, cancellationToken);
    }

    private string Author(RequestMessage m) => m.Kind == MessageKind.Customer
        ? localizer["MessageKind.Customer"].Value
        : m.AuthorName ?? localizer["MessageKind.Agent"].Value;
}
