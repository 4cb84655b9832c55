using System.Globalization;
using LeadDesk.App.Components.Pages.Insights;
using LeadDesk.App.Resources;
using LeadDesk.Domain.Insights;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace LeadDesk.Tests.Components.Insights;

/// <summary>How a weight or a lead's signal reads: a field and its value in words, never a key or an enum name.</summary>
public sealed class InsightWordsTests : ComponentTestBase
{
    private static readonly InsightField Seniority = new("Fit.Seniority", FeatureGroup.Fit, LeadAttribute.Seniority, null);
    private static readonly InsightField Country = new("Fit.Country", FeatureGroup.Fit, LeadAttribute.Country, null);
    private static readonly InsightField CompanySize = new("Fit.CompanySize", FeatureGroup.Fit, LeadAttribute.CompanySize, null);
    private static readonly InsightField Pricing = new("Engagement.PricingPageVisit", FeatureGroup.Engagement, null, EngagementEventType.PricingPageVisit);

    private InsightWords Words => new(
        Context.Services.GetRequiredService<IStringLocalizer<InsightsText>>(),
        Context.Services.GetRequiredService<IStringLocalizer<ScoringText>>(),
        Context.Services.GetRequiredService<IStringLocalizer<SharedText>>());

    [Fact]
    public void Weights_name_the_value_they_are_for_and_engagement_by_its_event()
    {
        Assert.Equal("Seniority: C-level executive", Words.Describe(new Push(Seniority, "Executive", 0.8)));
        Assert.Equal("Company size: 50–999", Words.Describe(new Push(CompanySize, "50–999", 0.4)));
        Assert.Equal("Pricing page visit", Words.Describe(new Push(Pricing, null, 0.3)));
    }

    [Fact]
    public void A_leads_signals_say_its_own_value_its_count_and_when_its_value_is_uncommon_or_missing()
    {
        Assert.Equal("Country: BR", Words.Describe(new Push(Country, "BR", 0.2)));
        Assert.Equal("Country: PT (uncommon)", Words.Describe(new Push(Country, "PT", -0.2, Lacks: true)));
        Assert.Equal("Country: empty", Words.Describe(new Push(Country, null, -0.1, Lacks: true)));
        Assert.Equal("Pricing page visit × 3", Words.Describe(new Push(Pricing, "3", 0.5)));
        Assert.Equal("Pricing page visit × 0", Words.Describe(new Push(Pricing, "0", -0.5, Lacks: true)));
        Assert.Equal("Company size: 1,200", Words.Describe(new Push(CompanySize, "1,200", 0.1)));
    }

    [Fact]
    public void Numbers_and_names_follow_the_readers_language()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es");

        Assert.Equal("Tamaño de empresa: 1.200", Words.Describe(new Push(CompanySize, "1,200", 0.1)));
        Assert.Equal("País: PT (poco común)", Words.Describe(new Push(Country, "PT", -0.2, Lacks: true)));
    }

    [Fact]
    public void Fields_left_out_have_names_of_their_own_and_fit_and_engagement_keys_reuse_the_apps_names()
    {
        Assert.Equal("Stage", Words.Field("Sales.Stage"));
        Assert.Equal("Events after the handoff", Words.Field("Engagement.AfterCutOff"));
        Assert.Equal("UTM campaign", Words.Field("Fit.UtmCampaign"));
        Assert.Equal("Industry", Words.Field("Fit.Industry"));
        Assert.Equal("Demo requested", Words.Field("Engagement.DemoRequest"));
    }
}
