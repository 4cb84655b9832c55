using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadDesk.Domain.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SortIndexesCarryId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_CreatedAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_SearchLastName_SearchFirstName",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_TotalScore",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CreatedAt",
                table: "Leads",
                column: "CreatedAt")
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_SearchLastName_SearchFirstName",
                table: "Leads",
                columns: new[] { "SearchLastName", "SearchFirstName" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_TotalScore",
                table: "Leads",
                column: "TotalScore")
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_CreatedAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_SearchLastName_SearchFirstName",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_TotalScore",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CreatedAt",
                table: "Leads",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_SearchLastName_SearchFirstName",
                table: "Leads",
                columns: new[] { "SearchLastName", "SearchFirstName" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_TotalScore",
                table: "Leads",
                column: "TotalScore");
        }
    }
}
