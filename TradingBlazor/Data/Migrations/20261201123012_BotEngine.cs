using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingBlazor.Data.Migrations
{
    /// <inheritdoc />
    public partial class BotEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "entry_client_order_id",
                table: "trades",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exit_reason",
                table: "trades",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "client_order_id",
                table: "signals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "notional",
                table: "orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "fills",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_demo",
                table: "bots",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "bots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "entry_client_order_id",
                table: "trades");

            migrationBuilder.DropColumn(
                name: "exit_reason",
                table: "trades");

            migrationBuilder.DropColumn(
                name: "client_order_id",
                table: "signals");

            migrationBuilder.DropColumn(
                name: "notional",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "fills");

            migrationBuilder.DropColumn(
                name: "is_demo",
                table: "bots");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "bots");
        }
    }
}
