using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingBlazor.Data.Migrations
{
    public partial class BacktestRuns : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "backtest_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    request_json = table.Column<string>(type: "TEXT", nullable: false),
                    symbols = table.Column<string>(type: "TEXT", nullable: false),
                    timeframe = table.Column<string>(type: "TEXT", nullable: false),
                    from_utc = table.Column<long>(type: "INTEGER", nullable: false),
                    to_utc = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    final_equity = table.Column<long>(type: "INTEGER", nullable: true),
                    summary_json = table.Column<string>(type: "TEXT", nullable: true),
                    equity_json = table.Column<string>(type: "TEXT", nullable: true),
                    trades_json = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_backtest_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_backtest_runs_created_at",
                table: "backtest_runs",
                column: "created_at");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "backtest_runs");
        }
    }
}
