using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpCenter.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContactFlow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AccountNumber",
                table: "Requests",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssignedToId",
                table: "Requests",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CallbackWindow",
                table: "Requests",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "FlowId",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "Requests",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "Requests",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransactionIds",
                table: "Requests",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ArticleViews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VisitorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleViews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContactFlows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StartPage = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ShownSlugs = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OpenedSlugs = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SolvedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    SolvedSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    EscalatedChannel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactFlows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RequestMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestMessages_Requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_IdempotencyKey",
                table: "Requests",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArticleViews_VisitorId_Id",
                table: "ArticleViews",
                columns: new[] { "VisitorId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactFlows_StartedAt",
                table: "ContactFlows",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ContactFlows_VisitorId",
                table: "ContactFlows",
                column: "VisitorId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestMessages_RequestId_Id",
                table: "RequestMessages",
                columns: new[] { "RequestId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleViews");

            migrationBuilder.DropTable(
                name: "ContactFlows");

            migrationBuilder.DropTable(
                name: "RequestMessages");

            migrationBuilder.DropIndex(
                name: "IX_Requests_IdempotencyKey",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "AccountNumber",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "AssignedToId",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "CallbackWindow",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "FlowId",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "TransactionIds",
                table: "Requests");
        }
    }
}
