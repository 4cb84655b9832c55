namespace LeadDesk.App.Resources;

/// <summary>The team's rules: assignment rules, the SLA settings, overdue flags in the queues and SLA compliance on the dashboard.</summary>
public sealed class TeamRulesText;
