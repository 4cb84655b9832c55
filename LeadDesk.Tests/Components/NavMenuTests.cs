using Bunit;
using LeadDesk.App.Components.Layout;
using LeadDesk.Domain.Identity;

namespace LeadDesk.Tests.Components;

public sealed class NavMenuTests : ComponentTestBase
{
    [Theory]
    [InlineData(Roles.Marketing, false)]
    [InlineData(Roles.Sales, false)]
    [InlineData(Roles.Manager, true)]
    public void Navigation_shows_only_what_the_role_may_use(string role, bool seesAdministration)
    {
        Context.AddAuthorization().SetAuthorized("someone@leaddesk.demo").SetRoles(role);

        var nav = Render<NavMenu>();

        Assert.NotNull(nav.Find("a[href='/inbox']"));
        Assert.Equal(seesAdministration, nav.FindAll("a[href='/admin/users']").Count == 1);
    }

    [Fact]
    public void A_signed_out_visitor_gets_no_links()
    {
        Context.AddAuthorization();

        var nav = Render<NavMenu>();

        Assert.Empty(nav.FindAll("a"));
    }
}
