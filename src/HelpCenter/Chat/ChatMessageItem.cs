using HelpCenter.Requests;

namespace HelpCenter.Chat;

/// <summary>One message as rendered in a chat log (<c>Pages/Shared/_ChatMessage.cshtml</c>): customers and operators
/// see different author labels and "delivered/read" marks on their own messages.</summary>
public sealed record ChatMessageItem(string Reference, RequestMessage Message, bool ForAgent, int ReadByOther)
{
    /// <summary>Where the image of this message is served: the request page for operators, the chat page for its customer.</summary>
    public string? ImageUrl => Message.AttachmentId is null ? null
        : ForAgent ? $"/agent/requests/{Reference}?handler=screenshot&id={Message.AttachmentId}" : $"/chat/{Reference}?handler=image&id={Message.AttachmentId}";

    public bool IsMine => ForAgent ? Message.Kind == MessageKind.Agent : Message.Kind == MessageKind.Customer;
}
