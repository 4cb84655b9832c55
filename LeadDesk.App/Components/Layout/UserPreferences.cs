namespace LeadDesk.App.Components.Layout;

/// <summary>What the browser remembers for the user, handed to the interactive tree at the first render.</summary>
public sealed record UserPreferences(bool DarkMode);
