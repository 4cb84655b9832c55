using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadDesk.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SqliteOneScoreIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_OwnerId_TotalScore_Id_Stage_Status",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Source_TotalScore_Id_Stage_Status",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Stage_TotalScore_Id_Status_Source",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Status_TotalScore_Id_Stage_Source",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_TotalScore",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_TotalScore_Id_Stage_Status_Source_OwnerId",
                table: "Leads",
                columns: new[] { "TotalScore", "Id", "Stage", "Status", "Source", "OwnerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_TotalScore_Id_Stage_Status_Source_OwnerId",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OwnerId_TotalScore_Id_Stage_Status",
                table: "Leads",
                columns: new[] { "OwnerId", "TotalScore", "Id", "Stage", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Source_TotalScore_Id_Stage_Status",
                table: "Leads",
                columns: new[] { "Source", "TotalScore", "Id", "Stage", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Stage_TotalScore_Id_Status_Source",
                table: "Leads",
                columns: new[] { "Stage", "TotalScore", "Id", "Status", "Source" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Status_TotalScore_Id_Stage_Source",
                table: "Leads",
                columns: new[] { "Status", "TotalScore", "Id", "Stage", "Source" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_TotalScore",
                table: "Leads",
                column: "TotalScore");
        }
    }
}
