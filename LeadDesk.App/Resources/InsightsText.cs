namespace LeadDesk.App.Resources;

/// <summary>Closed-loop scoring: the insights page (data, training, figures, suggested rules) and the lead's conversion card.</summary>
public sealed class InsightsText;
