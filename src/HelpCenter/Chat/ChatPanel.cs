using HelpCenter.Requests;

namespace HelpCenter.Chat;

/// <summary>What an operator's chat panel shows (<c>Pages/Agent/_ChatPanel.cshtml</c>): on the console, one per chat,
/// and on the request page.</summary>
public sealed record ChatPanel(SupportRequest Request, RequestContext? Context, IReadOnlyList<CannedReply> CannedReplies,
    IReadOnlyList<OperatorLoad> Operators, string? CurrentUserId, string ReturnUrl);
