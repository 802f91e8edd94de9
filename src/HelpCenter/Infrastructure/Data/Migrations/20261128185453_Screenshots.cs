using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpCenter.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Screenshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ScreenshotsJson",
                table: "Requests",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ScreenshotsJson",
                table: "Requests");
        }
    }
}
