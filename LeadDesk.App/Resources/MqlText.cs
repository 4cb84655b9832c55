namespace LeadDesk.App.Resources;

/// <summary>The MQL queue: marketing's review of new MQLs before they go to sales.</summary>
public sealed class MqlText;
