/* TA-Lib C as a reference for `bench indicators --talib libtalib_bench.so`: the benchmark hands over its bars once
 * (tb_load) and then times tb_run("sma(20)") against its own batch call, alternating the two in one process, so both
 * sides of each ratio see the same load on a shared machine. Names are the benchmark's indicator specs. */
#include <string.h>
#include "ta_libc.h"

static int count;
static const double *open_, *high, *low, *close_, *volume;
static double *out1, *out2, *out3;

static const char *names[] = { "sma(20)", "ema(20)", "wma(20)", "rsi(14)", "macd(12,26,9)", "stoch(14,3,3)", "bbands(20,2)",
    "atr(14)", "obv", "volume_sma(20)", "adx(14)", "cci(20)", "roc(10)", "willr(14)", "mfi(14)", "sar(0.02,0.2)" };

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

/* The columns stay owned (and pinned) by the caller; out1..3 are scratch of n doubles each, also the caller's. */
int tb_load(const double *o, const double *h, const double *l, const double *c, const double *v, int n,
            double *scratch1, double *scratch2, double *scratch3)
{
    open_ = o; high = h; low = l; close_ = c; volume = v; count = n;
    out1 = scratch1; out2 = scratch2; out3 = scratch3;
    return TA_Initialize() == TA_SUCCESS ? 0 : -1;
}

/* Runs one function over all bars; -1 when TA-Lib has no counterpart of that spec. */
int tb_run(const char *name)
{
    for (int w = 0; w < (int)(sizeof names / sizeof names[0]); w++) {
        if (strcmp(name, names[w]) == 0) {
            call(w);
            return 0;
        }
    }
    return -1;
}
