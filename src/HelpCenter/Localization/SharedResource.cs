namespace HelpCenter.Localization;

/// <summary>Marker for the UI strings in <c>Resources/Localization.SharedResource.*.resx</c>.</summary>
public sealed class SharedResource;
