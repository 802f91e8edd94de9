namespace HelpCenter.Chat;

/// <summary>What the server calls on chat clients (customers and operators).</summary>
public interface IChatClient
{
    /// <summary>A new message in a conversation the connection has joined.</summary>
    Task MessageAdded(ChatMessage message);

    /// <summary>Someone is typing in a conversation the connection has joined.</summary>
    Task Typing(string reference, string who);
}

/// <summary>A chat message as clients see it. <see cref="Sequence"/> orders a conversation without gaps.</summary>
public sealed record ChatMessage(string Reference, int Sequence, string? ClientId, string Kind, string? Author, string Text, DateTimeOffset At);
