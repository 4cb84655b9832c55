using LeadDesk.Domain.Assignment;
using LeadDesk.Domain.Sla;

namespace LeadDesk.App.Components.Pages.Admin;

/// <summary>One Sales user's assignment rules as edited on /admin/assignment, before they are saved.</summary>
public sealed class RepRulesDraft(RepAssignmentRow saved)
{
    private static readonly char[] Separators = [',', ';', ' '];

    public RepAssignmentRow Saved { get; } = saved;
    public string UserId => Saved.UserId;
    public string Name => Saved.Name;
    public bool TakesPart { get; set; } = saved.Rules.TakesPart;
    public IReadOnlyList<string> Territory { get; private set; } = saved.Rules.Territory;
    public int? CapacityPerDay { get; set; } = saved.Rules.CapacityPerDay;
    public bool Away { get; set; } = saved.Rules.Away;

    public RepRules Rules => new(TakesPart, Territory, CapacityPerDay, Away);

    public bool Changed => !Rules.SameAs(Saved.Rules);

    /// <summary>What the domain would refuse, checked by the same rules (<see cref="RepRules.Validate"/>).</summary>
    public RuleProblem? ProblemWith(string field) => Rules.Validate(Name).FirstOrDefault(p => p.Field == field);

    public bool HasProblems => Rules.Validate(Name).Count > 0;

    /// <summary>Adds the codes typed (several may be separated by commas or spaces), upper-cased, each once.</summary>
    public void AddCountries(string typed) =>
        Territory = Territory.Concat(typed.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Select(Countries.Normalize))
            .Distinct(StringComparer.Ordinal).ToList();

    public void RemoveCountry(string code) => Territory = Territory.Where(c => c != code).ToList();
}
