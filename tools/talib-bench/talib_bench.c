/* TA-Lib C timings on the bars `bench indicators --write-bars FILE` wrote, printed in that command's table format so
 * the two can be compared row by row. Usage: talib_bench FILE [runs] [name]: median ns per bar of `runs` calls after a
 * warm-up, for every function or only the one printed as `name` (e.g. "sma(20)"); `talib_bench --names` lists them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ta_libc.h"

static int count;
static double *open_, *high, *low, *close_, *volume, *out1, *out2, *out3;

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#define N 0, count - 1
#define OUT &beg, &n

static void call(int which)
{
    int beg, n;
    switch (which) {
    case 0: TA_SMA(N, close_, 20, OUT, out1); break;
    case 1: TA_EMA(N, close_, 20, OUT, out1); break;
    case 2: TA_WMA(N, close_, 20, OUT, out1); break;
    case 3: TA_RSI(N, close_, 14, OUT, out1); break;
    case 4: TA_MACD(N, close_, 12, 26, 9, OUT, out1, out2, out3); break;
    case 5: TA_STOCH(N, high, low, close_, 14, 3, TA_MAType_SMA, 3, TA_MAType_SMA, OUT, out1, out2); break;
    case 6: TA_BBANDS(N, close_, 20, 2, 2, TA_MAType_SMA, OUT, out1, out2, out3); break;
    case 7: TA_ATR(N, high, low, close_, 14, OUT, out1); break;
    case 8: TA_OBV(N, close_, volume, OUT, out1); break;
    case 9: TA_SMA(N, volume, 20, OUT, out1); break;
    case 10: TA_ADX(N, high, low, close_, 14, OUT, out1); break;
    case 11: TA_CCI(N, high, low, close_, 20, OUT, out1); break;
    case 12: TA_ROC(N, close_, 10, OUT, out1); break;
    case 13: TA_WILLR(N, high, low, close_, 14, OUT, out1); break;
    case 14: TA_MFI(N, high, low, close_, volume, 14, OUT, out1); break;
    case 15: TA_SAR(N, high, low, 0.02, 0.2, OUT, out1); break;
    }
}

static const char *names[] = { "sma(20)", "ema(20)", "wma(20)", "rsi(14)", "macd(12,26,9)", "stoch(14,3,3)", "bbands(20,2)",
    "atr(14)", "obv", "volume_sma(20)", "adx(14)", "cci(20)", "roc(10)", "willr(14)", "mfi(14)", "sar(0.02,0.2)" };

static double *column(FILE *f)
{
    double *c = malloc(sizeof(double) * count);
    if (fread(c, sizeof(double), count, f) != (size_t)count) { fprintf(stderr, "short file\n"); exit(2); }
    return c;
}

int main(int argc, char **argv)
{
    int functions = (int)(sizeof names / sizeof names[0]);
    if (argc < 2) { fprintf(stderr, "usage: talib_bench FILE [runs] [name] | talib_bench --names\n"); return 2; }
    if (strcmp(argv[1], "--names") == 0) {
        for (int w = 0; w < functions; w++) puts(names[w]);
        return 0;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    const char *only = argc > 3 ? argv[3] : NULL;
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    long long n64;
    if (fread(&n64, sizeof n64, 1, f) != 1) return 2;
    count = (int)n64;
    open_ = column(f); high = column(f); low = column(f); close_ = column(f); volume = column(f);
    fclose(f);
    out1 = malloc(sizeof(double) * count); out2 = malloc(sizeof(double) * count); out3 = malloc(sizeof(double) * count);
    TA_Initialize();
    printf("%d bars, TA-Lib C, median of %d runs after a warm-up\n", count, runs);
    printf("| indicator | batch ns/bar |\n|---|---:|\n");
    double *times = malloc(sizeof(double) * runs);
    for (int w = 0; w < functions; w++) {
        if (only && strcmp(only, names[w]) != 0) continue;
        call(w);
        for (int r = 0; r < runs; r++) {
            double t0 = now_ns();
            call(w);
            times[r] = (now_ns() - t0) / count;
        }
        qsort(times, runs, sizeof(double), by_value);
        printf("| %s | %.2f |\n", names[w], times[runs / 2]);
    }
    TA_Shutdown();
    return 0;
}
