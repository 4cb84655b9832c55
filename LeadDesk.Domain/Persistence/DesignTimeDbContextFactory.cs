using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LeadDesk.Domain.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LeadDeskDbContext>
{
    public LeadDeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LeadDeskDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
