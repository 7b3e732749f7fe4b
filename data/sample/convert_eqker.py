"""Rebuilds data/sample/bars-1m.csv from the eqker snapshot (see SOURCE.md). Usage: python3 convert_eqker.py DIR"""
import csv, datetime, gzip, sys, zoneinfo

NY = zoneinfo.ZoneInfo("America/New_York")
SYMBOLS = ["SPY", "QQQ", "AAPL", "MSFT", "AMZN", "JPM", "BAC", "V"]
rows = []
for s in SYMBOLS:
    with gzip.open(f"{sys.argv[1]}/{s}_1min.csv.gz", "rt") as f:
        for d in csv.DictReader(f):
            end = datetime.datetime.strptime(d["datetime"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=NY)
            start = (end - datetime.timedelta(minutes=1)).astimezone(datetime.timezone.utc)
            rows.append((s, start, d["open"], d["high"], d["low"], d["close"], d["volume"]))
rows.sort(key=lambda r: (r[0], r[1]))
with open("bars-1m.csv", "w") as out:
    out.write("symbol,timestamp,open,high,low,close,volume\n")
    for s, t, o, h, l, c, v in rows:
        out.write(f"{s},{t.strftime('%Y-%m-%dT%H:%M:%SZ')},{o},{h},{l},{c},{v}\n")
