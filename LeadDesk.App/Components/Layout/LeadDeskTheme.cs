using MudBlazor;

namespace LeadDesk.App.Components.Layout;

/// <summary>The one theme: a calm blue for marketing, teal for sales, readable in light and dark.</summary>
public static class LeadDeskTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2563eb",
            Secondary = "#0d9488",
            Tertiary = "#7c3aed",
            AppbarBackground = "#1e3a8a",
            Background = "#f6f7fb",
            DrawerBackground = "#ffffff",
            TextPrimary = "#1f2937",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#60a5fa",
            Secondary = "#2dd4bf",
            Tertiary = "#a78bfa",
            AppbarBackground = "#111827",
            Background = "#0f172a",
            Surface = "#1e293b",
            DrawerBackground = "#111827",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
