"""SciPy side of the drift benchmark: ks_2samp and wasserstein_distance on the same columns."""
import json, resource, sys, time
import numpy as np
from scipy import stats

path, rows, columns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = np.fromfile(path, dtype=np.float64).reshape(2, columns, rows)

def median_time(fn):
    times = []
    for _ in range(3):
        start = time.perf_counter(); out = fn(); times.append(time.perf_counter() - start)
    return sorted(times)[1], out

ks_seconds, ks = median_time(lambda: [stats.ks_2samp(data[0, c], data[1, c]) for c in range(columns)])
wd_seconds, _ = median_time(lambda: [stats.wasserstein_distance(data[0, c], data[1, c]) / max(np.std(data[0, c]), 0.001) for c in range(columns)])
print(json.dumps({
    "ksSeconds": ks_seconds,
    "wassersteinSeconds": wd_seconds,
    "peakRss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    "ks": [{"statistic": float(r.statistic), "pValue": float(r.pvalue)} for r in ks],
}))
