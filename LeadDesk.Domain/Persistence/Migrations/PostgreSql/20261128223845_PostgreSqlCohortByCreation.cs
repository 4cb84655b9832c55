using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadDesk.Domain.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlCohortByCreation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_CreatedAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Source_UtmCampaign_CreatedAt_Milestones",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CreatedAt",
                table: "Leads",
                column: "CreatedAt")
                .Annotation("Npgsql:IndexInclude", new[] { "Id", "Source", "UtmCampaign", "ReachedMqlAt", "ReachedSalAt", "ReachedSqlAt", "ReachedOpportunityAt", "ReachedWonAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_CreatedAt",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CreatedAt",
                table: "Leads",
                column: "CreatedAt")
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Source_UtmCampaign_CreatedAt_Milestones",
                table: "Leads",
                columns: new[] { "Source", "UtmCampaign", "CreatedAt", "ReachedMqlAt", "ReachedSalAt", "ReachedSqlAt", "ReachedOpportunityAt", "ReachedWonAt" });
        }
    }
}
