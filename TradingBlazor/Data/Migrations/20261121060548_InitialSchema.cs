using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingBlazor.Data.Migrations
{
    public partial class InitialSchema : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bots",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    config_json = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    status_reason = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bot_id = table.Column<long>(type: "INTEGER", nullable: true),
                    client_order_id = table.Column<string>(type: "TEXT", nullable: false),
                    broker_order_id = table.Column<string>(type: "TEXT", nullable: true),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    side = table.Column<string>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", nullable: false),
                    time_in_force = table.Column<string>(type: "TEXT", nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    limit_price = table.Column<long>(type: "INTEGER", nullable: true),
                    stop_price = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    filled_quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    average_fill_price = table.Column<long>(type: "INTEGER", nullable: true),
                    reject_reason = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "positions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bot_id = table.Column<long>(type: "INTEGER", nullable: true),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    average_entry_price = table.Column<long>(type: "INTEGER", nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_positions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "price_bars",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    timeframe = table.Column<string>(type: "TEXT", nullable: false),
                    timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    open = table.Column<long>(type: "INTEGER", nullable: false),
                    high = table.Column<long>(type: "INTEGER", nullable: false),
                    low = table.Column<long>(type: "INTEGER", nullable: false),
                    close = table.Column<long>(type: "INTEGER", nullable: false),
                    volume = table.Column<long>(type: "INTEGER", nullable: false),
                    vwap = table.Column<long>(type: "INTEGER", nullable: true),
                    trade_count = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_price_bars", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "signals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bot_id = table.Column<long>(type: "INTEGER", nullable: true),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    confidence = table.Column<double>(type: "REAL", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: true),
                    values = table.Column<string>(type: "TEXT", nullable: false),
                    executed = table.Column<bool>(type: "INTEGER", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "trades",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bot_id = table.Column<long>(type: "INTEGER", nullable: true),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    entry_price = table.Column<long>(type: "INTEGER", nullable: false),
                    entry_at = table.Column<long>(type: "INTEGER", nullable: false),
                    exit_price = table.Column<long>(type: "INTEGER", nullable: true),
                    exit_at = table.Column<long>(type: "INTEGER", nullable: true),
                    realized_pnl = table.Column<long>(type: "INTEGER", nullable: true),
                    fees = table.Column<long>(type: "INTEGER", nullable: false),
                    entry_signal_id = table.Column<long>(type: "INTEGER", nullable: true),
                    indicator_snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trades", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fills",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<long>(type: "INTEGER", nullable: false),
                    execution_id = table.Column<string>(type: "TEXT", nullable: true),
                    symbol = table.Column<string>(type: "TEXT", nullable: false),
                    side = table.Column<string>(type: "TEXT", nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    price = table.Column<long>(type: "INTEGER", nullable: false),
                    fee = table.Column<long>(type: "INTEGER", nullable: false),
                    filled_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fills", x => x.id);
                    table.ForeignKey(
                        name: "FK_fills_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bots_name",
                table: "bots",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fills_execution_id",
                table: "fills",
                column: "execution_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fills_order_id",
                table: "fills",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_bot_id_status",
                table: "orders",
                columns: new[] { "bot_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_broker_order_id",
                table: "orders",
                column: "broker_order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_client_order_id",
                table: "orders",
                column: "client_order_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_positions_bot_id_symbol",
                table: "positions",
                columns: new[] { "bot_id", "symbol" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_price_bars_symbol_timeframe_timestamp",
                table: "price_bars",
                columns: new[] { "symbol", "timeframe", "timestamp" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_signals_bot_id_timestamp",
                table: "signals",
                columns: new[] { "bot_id", "timestamp" });

            migrationBuilder.CreateIndex(
                name: "ix_trades_bot_id_entry_at",
                table: "trades",
                columns: new[] { "bot_id", "entry_at" });
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bots");

            migrationBuilder.DropTable(
                name: "fills");

            migrationBuilder.DropTable(
                name: "positions");

            migrationBuilder.DropTable(
                name: "price_bars");

            migrationBuilder.DropTable(
                name: "signals");

            migrationBuilder.DropTable(
                name: "trades");

            migrationBuilder.DropTable(
                name: "orders");
        }
    }
}
