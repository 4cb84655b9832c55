using LeadDesk.App.Resources;
using LeadDesk.Domain.Leads;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LeadDesk.App.Components.Shared;

/// <summary>Opens <see cref="DecisionDialog"/> and hands back what the user chose, or null when they cancelled.</summary>
public static class DecisionDialogs
{
    public static async Task<DecisionInput?> AskAsync(this IDialogService dialogs, string title, LifecycleVerb verb, string confirmText,
        string? message = null, bool askWhereTo = false, bool noteRequired = false, Color confirmColor = Color.Primary)
    {
        var parameters = new DialogParameters<DecisionDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.Verb, verb },
            { d => d.AskWhereTo, askWhereTo },
            { d => d.NoteRequired, noteRequired },
            { d => d.ConfirmText, confirmText },
            { d => d.ConfirmColor, confirmColor },
        };
        var dialog = await dialogs.ShowAsync<DecisionDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: DecisionInput input } ? input : null;
    }
}
