#!/usr/bin/env python3
"""Reference values for IndicatorReferenceCsvTest, computed independently of the Java kernels.

Every indicator is written naively from its textbook / TA-Lib definition: each value is recomputed from the whole
window (no running sums, no ring buffers); only the inherently recursive ones (EMA, Wilder, MACD) are recursions,
written out from the first bar. Standard deviations use Python's `statistics` module, which works in exact
rational arithmetic. Stdlib only.

Input: the first BARS bars of AAPL and SPY in data/sample/bars-1m.csv (BARS > 390, so the session VWAP crosses a
New York day boundary). Output: indicators-<symbol>.csv next to this script, columns `timestamp` then one per
output name; an empty cell means "not warm" (NaN in Java).

Run from anywhere:  python3 operators/src/test/resources/reference/make_reference.py
"""
import csv
import math
import os
import statistics
from datetime import datetime
from zoneinfo import ZoneInfo

BARS = 450
SYMBOLS = ["AAPL", "SPY"]
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))
NAN = float("nan")
NY = ZoneInfo("America/New_York")


def load(symbol):
    with open(os.path.join(ROOT, "data", "sample", "bars-1m.csv"), newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["symbol"] == symbol][:BARS]
    return [dict(ts=r["timestamp"], o=float(r["open"]), h=float(r["high"]), l=float(r["low"]),
                 c=float(r["close"]), v=float(r["volume"])) for r in rows]


def nans(n):
    return [NAN] * n


# ---- moving averages -------------------------------------------------------------------------------------------

def sma(x, n):
    return [sum(x[t - n + 1:t + 1]) / n if t >= n - 1 else NAN for t in range(len(x))]


def talib_ema(x, n, first):
    """TA-Lib INT_EMA: first value at index `first` = SMA of x[first-n+1 .. first], then e += 2/(n+1) * (x - e)."""
    out = nans(len(x))
    if first >= len(x):
        return out
    e = sum(x[first - n + 1:first + 1]) / n
    out[first] = e
    k = 2.0 / (n + 1)
    for t in range(first + 1, len(x)):
        e = (x[t] - e) * k + e
        out[t] = e
    return out


def ema(x, n):
    return talib_ema(x, n, n - 1)


def wma(x, n):
    out = nans(len(x))
    for t in range(n - 1, len(x)):
        window = x[t - n + 1:t + 1]
        out[t] = sum((i + 1) * v for i, v in enumerate(window)) / (n * (n + 1) / 2)
    return out


# ---- RSI ---------------------------------------------------------------------------------------------------------

def rsi_value(g, l):
    return 50.0 if g + l == 0 else 100.0 * g / (g + l)


def changes(c):
    gains = [NAN] + [max(c[t] - c[t - 1], 0.0) for t in range(1, len(c))]
    losses = [NAN] + [max(c[t - 1] - c[t], 0.0) for t in range(1, len(c))]
    return gains, losses


def rsi_wilder(c, n):
    gains, losses = changes(c)
    out = nans(len(c))
    if len(c) <= n:
        return out
    g = sum(gains[1:n + 1]) / n
    l = sum(losses[1:n + 1]) / n
    out[n] = rsi_value(g, l)
    for t in range(n + 1, len(c)):
        g = (g * (n - 1) + gains[t]) / n
        l = (l * (n - 1) + losses[t]) / n
        out[t] = rsi_value(g, l)
    return out


def rsi_cutler(c, n):
    gains, losses = changes(c)
    return [rsi_value(sum(gains[t - n + 1:t + 1]) / n, sum(losses[t - n + 1:t + 1]) / n) if t >= n else NAN
            for t in range(len(c))]


def rsi_ema(c, n):
    gains, losses = changes(c)
    g = [NAN] + talib_ema(gains[1:], n, n - 1)
    l = [NAN] + talib_ema(losses[1:], n, n - 1)
    return [NAN if math.isnan(g[t]) else rsi_value(g[t], l[t]) for t in range(len(c))]


# ---- MACD, Bollinger ---------------------------------------------------------------------------------------------

def macd(c, f, s, g):
    """TA-Lib TA_MACD: both EMAs start at index s-1 (the fast one seeded with the SMA of c[s-f .. s-1]); the signal
    is TA-Lib's EMA of the MACD line seeded with the SMA of its first g values; all outputs from index s+g-2."""
    fast = talib_ema(c, f, s - 1)
    slow = talib_ema(c, s, s - 1)
    line = [fast[t] - slow[t] if t >= s - 1 else NAN for t in range(len(c))]
    sig = nans(len(c))
    valid = line[s - 1:]
    sig_valid = talib_ema(valid, g, g - 1)
    for i, v in enumerate(sig_valid):
        sig[s - 1 + i] = v
    first = s + g - 2
    m = [line[t] if t >= first else NAN for t in range(len(c))]
    h = [line[t] - sig[t] if t >= first else NAN for t in range(len(c))]
    return m, [sig[t] if t >= first else NAN for t in range(len(c))], h


def bbands(c, n, k):
    mid, up, lo, pctb = nans(len(c)), nans(len(c)), nans(len(c)), nans(len(c))
    for t in range(n - 1, len(c)):
        w = c[t - n + 1:t + 1]
        m = statistics.mean(w)
        sd = statistics.pstdev(w)
        mid[t], up[t], lo[t] = m, m + k * sd, m - k * sd
        pctb[t] = 0.5 if up[t] <= lo[t] else (c[t] - lo[t]) / (up[t] - lo[t])
    return mid, up, lo, pctb


# ---- ATR ---------------------------------------------------------------------------------------------------------

def atr(bars, n):
    tr = [NAN] + [max(bars[t]["h"] - bars[t]["l"], abs(bars[t]["h"] - bars[t - 1]["c"]),
                      abs(bars[t]["l"] - bars[t - 1]["c"])) for t in range(1, len(bars))]
    out = nans(len(bars))
    if len(bars) <= n:
        return out
    a = sum(tr[1:n + 1]) / n
    out[n] = a
    for t in range(n + 1, len(bars)):
        a = (a * (n - 1) + tr[t]) / n
        out[t] = a
    return out


# ---- realised volatility -----------------------------------------------------------------------------------------

def rvol_cc(bars, n):
    r = [NAN] + [math.log(bars[t]["c"] / bars[t - 1]["c"]) for t in range(1, len(bars))]
    return [statistics.stdev(r[t - n + 1:t + 1]) if t >= n else NAN for t in range(len(bars))]


def rvol_parkinson(bars, n):
    out = nans(len(bars))
    for t in range(n - 1, len(bars)):
        s = sum(math.log(b["h"] / b["l"]) ** 2 for b in bars[t - n + 1:t + 1])
        out[t] = math.sqrt(s / (4 * n * math.log(2)))
    return out


def rvol_gk(bars, n):
    out = nans(len(bars))
    for t in range(n - 1, len(bars)):
        s = sum(0.5 * math.log(b["h"] / b["l"]) ** 2 - (2 * math.log(2) - 1) * math.log(b["c"] / b["o"]) ** 2
                for b in bars[t - n + 1:t + 1])
        out[t] = math.sqrt(max(s / n, 0.0))
    return out


def rvol_yz(bars, n):
    k = 0.34 / (1.34 + (n + 1) / (n - 1))
    out = nans(len(bars))
    for t in range(n, len(bars)):
        idx = range(t - n + 1, t + 1)
        o = [math.log(bars[i]["o"] / bars[i - 1]["c"]) for i in idx]
        c = [math.log(bars[i]["c"] / bars[i]["o"]) for i in idx]
        rs = [math.log(bars[i]["h"] / bars[i]["c"]) * math.log(bars[i]["h"] / bars[i]["o"])
              + math.log(bars[i]["l"] / bars[i]["c"]) * math.log(bars[i]["l"] / bars[i]["o"]) for i in idx]
        var = statistics.variance(o) + k * statistics.variance(c) + (1 - k) * statistics.fmean(rs)
        out[t] = math.sqrt(max(var, 0.0))
    return out


# ---- momentum, z-score ---------------------------------------------------------------------------------------------

def roc(c, n):
    return [100.0 * (c[t] / c[t - n] - 1) if t >= n else NAN for t in range(len(c))]


def slope(c, n):
    out = nans(len(c))
    xbar = (n - 1) / 2
    for t in range(n - 1, len(c)):
        w = c[t - n + 1:t + 1]
        ybar = statistics.mean(w)
        out[t] = sum((i - xbar) * (y - ybar) for i, y in enumerate(w)) / sum((i - xbar) ** 2 for i in range(n))
    return out


def zscore(c, n):
    out = nans(len(c))
    for t in range(n - 1, len(c)):
        w = c[t - n + 1:t + 1]
        sd = statistics.stdev(w)
        out[t] = 0.0 if sd == 0 else (c[t] - statistics.mean(w)) / sd
    return out


# ---- volume ---------------------------------------------------------------------------------------------------------

def vwap_session(bars):
    """Cumulative sum(typical * volume) / sum(volume) over the bars of the bar's New York date (the sample has no
    bar VWAP, so the typical price (h + l + c) / 3 is used)."""
    day = [datetime.fromisoformat(b["ts"].replace("Z", "+00:00")).astimezone(NY).date() for b in bars]
    vw, dist = nans(len(bars)), nans(len(bars))
    for t in range(len(bars)):
        same = [i for i in range(t + 1) if day[i] == day[t]]
        pv = 0.0
        vol = 0.0
        for i in same:
            pv += (bars[i]["h"] + bars[i]["l"] + bars[i]["c"]) / 3 * bars[i]["v"]
            vol += bars[i]["v"]
        p = (bars[t]["h"] + bars[t]["l"] + bars[t]["c"]) / 3
        vw[t] = pv / vol if vol > 0 else p
        dist[t] = bars[t]["c"] / vw[t] - 1
    return vw, dist


def volratio(bars, n):
    out = nans(len(bars))
    for t in range(n, len(bars)):
        mean = sum(b["v"] for b in bars[t - n:t]) / n
        out[t] = bars[t]["v"] / mean if mean > 0 else NAN
    return out


def ret1(c):
    return [NAN] + [c[t] / c[t - 1] - 1 for t in range(1, len(c))]


# ---- the columns; IndicatorReferenceCsvTest builds the same list through FeatureRegistry ----------------------------

def columns(bars):
    c = [b["c"] for b in bars]
    cols = {}
    cols["ret_1"] = ret1(c)
    for n in (5, 20):
        cols[f"sma_{n}"] = sma(c, n)
        cols[f"ema_{n}"] = ema(c, n)
        cols[f"wma_{n}"] = wma(c, n)
    for n in (5, 14):
        cols[f"rsi_{n}_wilder"] = rsi_wilder(c, n)
        cols[f"rsi_{n}_cutler"] = rsi_cutler(c, n)
        cols[f"rsi_{n}_ema"] = rsi_ema(c, n)
    for f, s, g in ((12, 26, 9), (5, 13, 4)):
        m, sig, h = macd(c, f, s, g)
        cols[f"macd_{f}_{s}_{g}"], cols[f"macd_signal_{f}_{s}_{g}"], cols[f"macd_hist_{f}_{s}_{g}"] = m, sig, h
    for n, k, label in ((20, 2.0, "2"), (10, 2.5, "2.5")):
        mid, up, lo, pctb = bbands(c, n, k)
        cols[f"bb_mid_{n}_{label}"], cols[f"bb_upper_{n}_{label}"] = mid, up
        cols[f"bb_lower_{n}_{label}"], cols[f"bb_pctb_{n}_{label}"] = lo, pctb
    for n in (5, 14):
        cols[f"atr_{n}"] = atr(bars, n)
    for n in (5, 20):
        cols[f"rvol_{n}_cc"] = rvol_cc(bars, n)
        cols[f"rvol_{n}_parkinson"] = rvol_parkinson(bars, n)
        cols[f"rvol_{n}_gk"] = rvol_gk(bars, n)
        cols[f"rvol_{n}_yz"] = rvol_yz(bars, n)
    for n in (1, 10):
        cols[f"roc_{n}"] = roc(c, n)
    for n in (5, 20):
        cols[f"slope_{n}"] = slope(c, n)
        cols[f"zscore_{n}"] = zscore(c, n)
    cols["vwap_session"], cols["vwap_dist_session"] = vwap_session(bars)
    for n in (5, 20):
        cols[f"volratio_{n}"] = volratio(bars, n)
    return cols


def main():
    for symbol in SYMBOLS:
        bars = load(symbol)
        cols = columns(bars)
        path = os.path.join(HERE, f"indicators-{symbol.lower()}.csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["timestamp"] + list(cols))
            for t, b in enumerate(bars):
                w.writerow([b["ts"]] + ["" if math.isnan(v[t]) else repr(v[t]) for v in cols.values()])
        print(f"wrote {path}: {len(bars)} rows, {len(cols)} columns")


if __name__ == "__main__":
    main()
