namespace HelpCenter.Requests;

/// <summary>An image attached to a request (contact form screenshot or chat image); the file lives in the data folder.</summary>
public sealed record StoredScreenshot(string Id, string ContentType, long Length, int Width, int Height, string OriginalFileName);
