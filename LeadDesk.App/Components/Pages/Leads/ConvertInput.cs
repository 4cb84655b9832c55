namespace LeadDesk.App.Components.Pages.Leads;

/// <summary>What <see cref="ConvertDialog"/> returns when the rep confirms.</summary>
public sealed record ConvertInput(decimal Amount, DateOnly ExpectedClose, string? Note);

/// <summary>What <see cref="ReassignDialog"/> returns when the manager confirms.</summary>
public sealed record ReassignInput(string RepId, string RepName, string? Note);
