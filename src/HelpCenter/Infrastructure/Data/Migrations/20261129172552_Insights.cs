using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpCenter.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Insights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CommentDoneAt",
                table: "ArticleFeedback",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DismissedQueries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DismissedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DismissedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DismissedQueries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_CreatedAt",
                table: "Requests",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ContactFlows_EscalatedAt",
                table: "ContactFlows",
                column: "EscalatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleViews_At",
                table: "ArticleViews",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleFeedback_UpdatedAt",
                table: "ArticleFeedback",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DismissedQueries_Language_Key",
                table: "DismissedQueries",
                columns: new[] { "Language", "Key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DismissedQueries");

            migrationBuilder.DropIndex(
                name: "IX_Requests_CreatedAt",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_ContactFlows_EscalatedAt",
                table: "ContactFlows");

            migrationBuilder.DropIndex(
                name: "IX_ArticleViews_At",
                table: "ArticleViews");

            migrationBuilder.DropIndex(
                name: "IX_ArticleFeedback_UpdatedAt",
                table: "ArticleFeedback");

            migrationBuilder.DropColumn(
                name: "CommentDoneAt",
                table: "ArticleFeedback");
        }
    }
}
