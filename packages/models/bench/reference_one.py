"""One reference fit in a fresh process (its peak RSS is its own), beside fitOne.mjs.

    OMP_NUM_THREADS=<threads> /usr/bin/python3 reference_one.py <sklearn|xgboost> <data dir> <variant raw|scaled> \
        <kind> <task> <threads> [params JSON]

Prints one JSON line with the same fields as fitOne.mjs: fit_s (one fit, wall), fit_cpu_s (its process CPU time), predict_ms (best of 5
batches of 10,000 rows), predict_1_us (median of single-row calls), model_bytes, peak_mb, metric, trees.
"""
import json
import pickle
import resource
import sys
import time

import numpy as np
from sklearn.metrics import r2_score, roc_auc_score

side, data_dir, variant, kind, task, threads = sys.argv[1:7]
threads = int(threads)
# Only early_stopping (0/1) is mapped; the other defaults are the same on both sides.
params = json.loads(sys.argv[7]) if len(sys.argv) > 7 else {}
load = lambda name: np.loadtxt(f'{data_dir}/{name}.csv', delimiter=',', ndmin=2)
train_x, test_x = load(f'{variant}_train_x'), load(f'{variant}_test_x')
train_y, test_y = load('train_y').ravel(), load('test_y').ravel()
regression = task == 'regression'


def make():
    if side == 'xgboost':
        import xgboost as xgb
        # The shape of HistGradientBoosting's trees: 100 rounds of best-first trees with 31 leaves,
        # 255 bins, no L2 penalty; tree_method=hist.
        shape = dict(tree_method='hist', n_estimators=100, learning_rate=0.1, max_bin=255,
                     grow_policy='lossguide', max_leaves=31, max_depth=0, reg_lambda=0.0,
                     min_child_weight=1e-3, n_jobs=threads, random_state=0)
        return xgb.XGBRegressor(**shape) if regression else xgb.XGBClassifier(**shape)
    from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                                  RandomForestClassifier, RandomForestRegressor)
    from sklearn.linear_model import LogisticRegression, Ridge
    if kind == 'gradient_boosting':
        stopping = {} if 'early_stopping' not in params else {'early_stopping': bool(params['early_stopping'])}
        return (HistGradientBoostingRegressor if regression else HistGradientBoostingClassifier)(random_state=0, **stopping)
    if kind == 'random_forest':
        forest = RandomForestRegressor if regression else RandomForestClassifier
        return forest(n_jobs=threads, random_state=0)
    if kind == 'logistic':
        return LogisticRegression(C=1.0, max_iter=1000)
    if kind == 'linear':
        return Ridge(alpha=1.0)
    raise SystemExit(f'unknown kind {kind}')


model = make()
started, cpu_started = time.perf_counter(), time.process_time()
model.fit(train_x, train_y)
fit_s, fit_cpu_s = time.perf_counter() - started, time.process_time() - cpu_started
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
singles = []
for i in range(200):
    one = test_x[i % len(test_x)].reshape(1, -1)
    started = time.perf_counter()
    score(model, one)
    singles.append((time.perf_counter() - started) * 1e6)
if side == 'xgboost':
    model_bytes = len(model.get_booster().save_raw(raw_format='ubj'))
    trees = model.get_booster().num_boosted_rounds()
else:
    model_bytes = len(pickle.dumps(model))
    trees = model.n_iter_ if kind == 'gradient_boosting' else len(model.estimators_) if kind == 'random_forest' else None
print(json.dumps({
    'fit_s': fit_s,
    'fit_cpu_s': fit_cpu_s,
    'predict_ms': float(np.min(predicts)),
    'predict_1_us': float(np.median(singles)),
    'model_bytes': model_bytes,
    'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    'metric': float(metric),
    'trees': int(trees) if trees else None,
}))
