using Bunit;
using LeadDesk.App.Components.Layout;
using LeadDesk.Domain.Identity;

namespace LeadDesk.Tests.Components;

public sealed class NavMenuTests : ComponentTestBase
{
    [Theory]
    [InlineData(Roles.Marketing, new[] { "/inbox", "/mql", "/import", "/scoring", "/scoring/insights", "/dashboard" })]
    [InlineData(Roles.Sales, new[] { "/inbox", "/handoffs", "/dashboard" })]
    [InlineData(Roles.Manager, new[] { "/inbox", "/mql", "/import", "/scoring", "/scoring/insights", "/handoffs", "/dashboard", "/admin/users", "/admin/assignment", "/admin/sla", "/admin/spend", "/admin/api-keys" })]
    public void Navigation_shows_only_what_the_role_may_use(string role, string[] expectedLinks)
    {
        Context.AddAuthorization().SetAuthorized("someone@leaddesk.demo").SetRoles(role);

        var nav = Render<NavMenu>();

        Assert.Equal(expectedLinks, nav.FindAll("a[href]").Select(a => a.GetAttribute("href")!).ToArray());
    }

    [Fact]
    public void A_signed_out_visitor_gets_no_links()
    {
        Context.AddAuthorization();

        var nav = Render<NavMenu>();

        Assert.Empty(nav.FindAll("a"));
    }
}
