"""One scikit-learn fit in a fresh process (its peak RSS is its own), the reference for fitOne.mjs.

    OMP_NUM_THREADS=1 python3 sklearn_one.py <data dir> <variant raw|scaled> <kind> <task> <repeats> [params JSON]

Prints one JSON line with the same fields as fitOne.mjs.
"""
import json
import resource
import sys
import time

import numpy as np
from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import r2_score, roc_auc_score

data_dir, variant, kind, task, repeats = sys.argv[1:6]
# Only early_stopping (0/1) is mapped; the other defaults are the same on both sides.
params = json.loads(sys.argv[6]) if len(sys.argv) > 6 else {}
stopping = {} if 'early_stopping' not in params else {'early_stopping': bool(params['early_stopping'])}
load = lambda name: np.loadtxt(f'{data_dir}/{name}.csv', delimiter=',', ndmin=2)
train_x, test_x = load(f'{variant}_train_x'), load(f'{variant}_test_x')
train_y, test_y = load('train_y').ravel(), load('test_y').ravel()
regression = task == 'regression'


def make():
    if kind == 'gradient_boosting':
        return (HistGradientBoostingRegressor if regression else HistGradientBoostingClassifier)(random_state=0, **stopping)
    if kind == 'random_forest':
        return RandomForestRegressor(n_jobs=1, random_state=0) if regression else RandomForestClassifier(n_jobs=1, random_state=0)
    if kind == 'logistic':
        return LogisticRegression(C=1.0, max_iter=1000)
    if kind == 'linear':
        return Ridge(alpha=1.0)
    raise SystemExit(f'unknown kind {kind}')


fits = []
for _ in range(int(repeats)):
    model = make()
    started = time.perf_counter()
    model.fit(train_x, train_y)
    fits.append(time.perf_counter() - started)
score = (lambda m, x: m.predict(x)) if regression else (lambda m, x: m.predict_proba(x)[:, 1])
pred = score(model, test_x)
metric = r2_score(test_y, pred) if regression else roc_auc_score(test_y, pred)
batch = test_x[np.arange(10_000) % len(test_x)]
predicts = []
for i in range(6):
    started = time.perf_counter()
    score(model, batch)
    if i > 0:
        predicts.append((time.perf_counter() - started) * 1000)
trees = None
if kind == 'gradient_boosting':
    trees = model.n_iter_
elif kind == 'random_forest':
    trees = len(model.estimators_)
print(json.dumps({
    'fit_s': float(np.median(fits)),
    'predict_ms': float(np.median(predicts)),
    'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    'metric': float(metric),
    'trees': int(trees) if trees else None,
}))
