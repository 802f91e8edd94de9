using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpCenter.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotMeLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ReportedAt",
                table: "SignIns",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReportedAt",
                table: "SignIns");
        }
    }
}
