using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LeadDesk.App.Resources;

/// <summary>
/// MudBlazor's own words (pager, close buttons, date pickers, "Not a valid number"), named by MudBlazor's resource keys.
/// MudBlazor ships English only; for Spanish and Portuguese it asks the registered <see cref="MudLocalizer"/>.
/// </summary>
public sealed class MudText;

/// <summary>Answers MudBlazor's translation requests from <see cref="MudText"/>; a key missing there falls back to MudBlazor's English.</summary>
public sealed class MudTextLocalizer(IStringLocalizer<MudText> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];

    public override LocalizedString this[string key, params object[] arguments] => texts[key, arguments];
}
