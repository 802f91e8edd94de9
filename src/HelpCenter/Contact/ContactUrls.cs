namespace HelpCenter.Contact;

/// <summary>Links into the contact flow that are built outside a page (the suggestion API, mails).</summary>
public static class ContactUrls
{
    /// <summary>Opens a suggested article through the flow, so that the opening is counted.</summary>
    public static string Open(string flowToken, string slug) =>
        $"/contact?handler=open&flow={Uri.EscapeDataString(flowToken)}&slug={Uri.EscapeDataString(slug)}";
}
