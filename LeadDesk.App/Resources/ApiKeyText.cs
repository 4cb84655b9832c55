namespace LeadDesk.App.Resources;

/// <summary>API key administration: the keys list, creating a key (shown once) and revoking one.</summary>
public sealed class ApiKeyText;
