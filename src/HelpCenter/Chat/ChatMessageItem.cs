using HelpCenter.Requests;

namespace HelpCenter.Chat;

/// <summary>One message as rendered in a chat log (<c>Pages/Shared/_ChatMessage.cshtml</c>): customers and operators
/// see different author labels and "delivered/read" marks on their own messages.</summary>
public sealed record ChatMessageItem(RequestMessage Message, bool ForAgent, int ReadByOther)
{
    public bool IsMine => ForAgent ? Message.Kind == MessageKind.Agent : Message.Kind == MessageKind.Customer;
}
