"""Rebuilds data/sample/daily/*.csv.gz from the Pooksoft snapshot (see SOURCE.md).

Usage: python3 trim_pooksoft.py DIR   (DIR holds <SYM>.csv.gz, the upstream daily_adjusted files gzipped)

Keeps the upstream header and rows byte for byte; only rows outside the crisis windows are dropped. The gzip
header carries no file name and no time, so the same input gives the same bytes.
"""
import gzip, sys

SYMBOLS = ["AAPL", "MSFT", "JPM", "BAC", "C", "AIG", "XOM", "JNJ", "PG", "KO", "WMT", "GE"]
# (first, last) trading dates, inclusive; each window starts a few months before its crisis (indicator warm-up)
WINDOWS = [
    ("1999-11-01", "2002-12-31"),  # dot-com crash (the data starts 1999-11-01)
    ("2007-06-01", "2009-06-30"),  # global financial crisis
    ("2010-04-01", "2010-06-30"),  # flash crash of 2010-05-06
    ("2011-07-01", "2011-10-31"),  # US downgrade, euro crisis
    ("2020-01-02", "2020-06-30"),  # COVID crash
]

for s in SYMBOLS:
    with gzip.open(f"{sys.argv[1]}/{s}.csv.gz", "rt", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    kept = [lines[0]] + [l for l in lines[1:] if any(a <= l[:10] <= b for a, b in WINDOWS)]
    with open(f"{s}.csv.gz", "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
            out.write("".join(kept).encode("ascii"))
    print(s, len(kept) - 1)
