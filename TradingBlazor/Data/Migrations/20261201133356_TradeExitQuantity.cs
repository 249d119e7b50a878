using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingBlazor.Data.Migrations
{
    /// <inheritdoc />
    public partial class TradeExitQuantity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "exit_quantity",
                table: "trades",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "exit_quantity",
                table: "trades");
        }
    }
}
