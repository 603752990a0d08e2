# The reference side of the benchmark: the same CSV read with Python's C csv module
# into NumPy arrays, the same checks (missing share, ranges, duplicates) and the same
# profile (mean, std, quantiles, 20-bin histogram, category counts) in NumPy.
# pandas and pyarrow are not installed here, so there is no Arrow stage.
# Prints one JSON line like pipeline.js.
import csv, json, resource, sys, time
import numpy as np

path = sys.argv[1]
seconds = {}
start = time.perf_counter()
def lap(stage):
    global start
    now = time.perf_counter()
    seconds[stage] = now - start
    start = now

with open(path, newline='') as f:
    reader = csv.reader(f)
    header = next(reader)
    raw = list(zip(*reader))
columns = {}
for name, cells in zip(header, raw):
    try:
        columns[name] = np.array([float(c) if c != '' else np.nan for c in cells])
    except ValueError:
        values, codes = np.unique(np.array(cells), return_inverse=True)
        columns[name] = (values, codes)
lap('read CSV')

issues = []
for name, col in columns.items():
    if isinstance(col, np.ndarray):
        if np.isnan(col).mean() > 0.05: issues.append(name)
        if (col[~np.isnan(col)] < 0).any(): issues.append(name)
matrix = np.column_stack([c if isinstance(c, np.ndarray) else c[1].astype(float) for c in columns.values()])
_, first = np.unique(matrix, axis=0, return_index=True)
duplicates = len(matrix) - len(first)
lap('quality gate')

profile = {}
for name, col in columns.items():
    if isinstance(col, np.ndarray):
        present = col[~np.isnan(col)]
        counts, edges = np.histogram(present, bins=20)
        profile[name] = dict(mean=present.mean(), std=present.std(ddof=1),
                             q=np.quantile(present, [.01, .05, .25, .5, .75, .95, .99]).tolist(),
                             counts=counts.tolist())
    else:
        profile[name] = np.bincount(col[1]).tolist()
lap('profile')
seconds['total'] = sum(seconds.values())
print(json.dumps(dict(seconds=seconds, maxRssMiB=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      rows=len(matrix), duplicates=int(duplicates))))
