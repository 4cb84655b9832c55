using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadDesk.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Decisions_LeadId_At",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_ToStage_At",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_Verb_At",
                table: "Decisions");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Source_UtmCampaign_CreatedAt",
                table: "Leads",
                columns: new[] { "Source", "UtmCampaign", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_LeadId_At_Verb_ToStage_FromStage",
                table: "Decisions",
                columns: new[] { "LeadId", "At", "Verb", "ToStage", "FromStage" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_ToStage_At_FromStage",
                table: "Decisions",
                columns: new[] { "ToStage", "At", "FromStage" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_Verb_At_LeadId_FromStage_ToStage",
                table: "Decisions",
                columns: new[] { "Verb", "At", "LeadId", "FromStage", "ToStage" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_Source_UtmCampaign_CreatedAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_LeadId_At_Verb_ToStage_FromStage",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_ToStage_At_FromStage",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_Verb_At_LeadId_FromStage_ToStage",
                table: "Decisions");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_LeadId_At",
                table: "Decisions",
                columns: new[] { "LeadId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_ToStage_At",
                table: "Decisions",
                columns: new[] { "ToStage", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_Verb_At",
                table: "Decisions",
                columns: new[] { "Verb", "At" });
        }
    }
}
