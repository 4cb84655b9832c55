using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadDesk.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Workflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AssignedToId",
                table: "Decisions",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssignedToName",
                table: "Decisions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BantAssessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LeadId = table.Column<int>(type: "INTEGER", nullable: false),
                    Budget = table.Column<int>(type: "INTEGER", nullable: false),
                    Authority = table.Column<int>(type: "INTEGER", nullable: false),
                    Need = table.Column<int>(type: "INTEGER", nullable: false),
                    Timeline = table.Column<int>(type: "INTEGER", nullable: false),
                    BudgetNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AuthorityNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NeedNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TimelineNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    AssessedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AssessedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AssessedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BantAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BantAssessments_Leads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "Leads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Stage_StageEnteredAt",
                table: "Leads",
                columns: new[] { "Stage", "StageEnteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_AssignedToId_At",
                table: "Decisions",
                columns: new[] { "AssignedToId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_BantAssessments_LeadId_AssessedAt",
                table: "BantAssessments",
                columns: new[] { "LeadId", "AssessedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BantAssessments");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Stage_StageEnteredAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_AssignedToId_At",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "AssignedToId",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "AssignedToName",
                table: "Decisions");
        }
    }
}
