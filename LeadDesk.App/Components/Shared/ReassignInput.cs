namespace LeadDesk.App.Components.Shared;

/// <summary>What <see cref="ReassignDialog"/> returns when the manager confirms.</summary>
public sealed record ReassignInput(string RepId, string RepName, string? Note);
