using System.Text.Json.Serialization;

namespace HelpCenter.Chat;

/// <summary>What the server calls on chat clients (customers and operators).</summary>
public interface IChatClient
{
    /// <summary>A new message in a conversation the connection has joined.</summary>
    Task MessageAdded(ChatMessage message);

    /// <summary>Someone is typing in a conversation the connection has joined.</summary>
    Task Typing(string reference, string who);

    /// <summary>The other side has seen the conversation up to <paramref name="sequence"/>.</summary>
    Task Read(string reference, string who, int sequence);

    /// <summary>The conversation was assigned, transferred, handed back to the queue or ended: ask for the status again.</summary>
    Task StatusChanged(string reference, string? operatorName);

    /// <summary>The queue moved (a chat joined, was taken or ended, an operator came or went).</summary>
    Task QueueChanged();

    /// <summary>A chat was assigned to this operator.</summary>
    Task ChatAssigned(string reference);
}

/// <summary>A chat message as clients see it. <see cref="Sequence"/> orders a conversation without gaps;
/// <see cref="Attachment"/> names an image sent with the message (shown through the chat or request page).</summary>
public sealed record ChatMessage(string Reference, int Sequence, string? ClientId, string Kind, string? Author, string Text, DateTimeOffset At, string? Attachment = null);

/// <summary>Where a conversation stands, for the customer.</summary>
public sealed record ChatStatus(string Reference, ChatStage Stage, int? Place, int? EstimateMinutes, int OperatorsOnline, string? Operator, int AgentReadSequence);

/// <summary>The stage of a chat as the customer sees it; sent to browsers as the lower-case names (chat.js reads them).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChatStage>))]
public enum ChatStage
{
    /// <summary>Articles are suggested; the chat has not joined the queue yet.</summary>
    [JsonStringEnumMemberName("offered")]
    Offered,

    /// <summary>In the queue, waiting for an operator.</summary>
    [JsonStringEnumMemberName("waiting")]
    Waiting,

    /// <summary>An operator has it.</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>Closed by an operator, or solved by an article.</summary>
    [JsonStringEnumMemberName("ended")]
    Ended,
}
