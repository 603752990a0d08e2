"""Writes src/explain/__tests__/fixtures/xgboostShap.json: small XGBoost models, their
trees (XGBoost's JSON dump with covers) and XGBoost's own TreeSHAP (pred_contribs=True)
for a few rows, so the TypeScript TreeSHAP can be checked against it.

Run with Debian's python3 (python3-xgboost 1.7), not the python first on PATH:
    /usr/bin/python3 packages/models/scripts/make_xgboost_shap_fixture.py
Deterministic: numpy RandomState(20261202), XGBoost exact tree method, one thread.
"""
import json
import os
import sys

import numpy as np
import xgboost as xgb

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'explain', '__tests__', 'fixtures', 'xgboostShap.json')
rng = np.random.RandomState(20261202)
ROWS, WIDTH = 300, 5

# Inputs are float32 values (XGBoost compares in float32), stored exactly as doubles;
# about 8 % of them missing, so splits learn a missing-value direction of their own.
x = rng.uniform(-2, 2, size=(ROWS, WIDTH)).astype(np.float32)
x[rng.uniform(size=x.shape) < 0.08] = np.nan
filled = np.nan_to_num(x, nan=0.0)
signal = filled[:, 0] * filled[:, 1] + np.sin(2 * filled[:, 2]) + 0.5 * filled[:, 3] + 0.3 * rng.normal(size=ROWS)
targets = {
    'regression': (signal, {'objective': 'reg:squarederror', 'base_score': 0.25}),
    'binary': ((signal > 0.2).astype(np.float64), {'objective': 'binary:logistic', 'base_score': 0.4}),
    'multiclass': (np.digitize(signal, [-0.5, 0.7]).astype(np.float64), {'objective': 'multi:softprob', 'num_class': 3}),
}
boosters = {}
for name, (y, extra) in targets.items():
    params = {'max_depth': 4, 'eta': 0.3, 'tree_method': 'exact', 'nthread': 1, 'seed': 0, 'min_child_weight': 0.5, **extra}
    boosters[name] = (params, extra, xgb.train(params, xgb.DMatrix(x, label=y, missing=np.nan), num_boost_round=8))


def thresholds(node, out):
    if 'split' in node:
        out.setdefault(int(node['split'][1:]), []).append(np.float32(node['split_condition']))
        for child in node['children']:
            thresholds(child, out)
    return out


# 12 training rows from each end, and 8 rows whose inputs sit exactly on split thresholds
# of the models (where XGBoost's `x < threshold` and a FlatTree's `x <= threshold` part).
on_threshold = {}
for _, _, booster in boosters.values():
    for tree in booster.get_dump(dump_format='json', with_stats=True):
        thresholds(json.loads(tree), on_threshold)
edges = rng.uniform(-2, 2, size=(8, WIDTH)).astype(np.float32)
for row in edges:
    for j in range(WIDTH):
        if j in on_threshold and rng.uniform() < 0.7:
            row[j] = on_threshold[j][rng.randint(len(on_threshold[j]))]
explained = np.vstack([x[:12], x[-12:], edges])

models = []
for name, (params, extra, booster) in boosters.items():
    config = json.loads(booster.save_config())
    base_score = float(config['learner']['learner_model_param']['base_score'])
    d = xgb.DMatrix(explained, missing=np.nan)
    contribs = booster.predict(d, pred_contribs=True)
    margin = booster.predict(d, output_margin=True)
    models.append({
        'name': name,
        'objective': params['objective'],
        'params': params,
        'rounds': 8,
        'classes': int(extra.get('num_class', 1)),
        'base_score': base_score,
        'trees': [json.loads(t) for t in booster.get_dump(dump_format='json', with_stats=True)],
        # rows × (classes ×) (features + 1); the last column is the bias (expected value).
        'contribs': contribs.astype(np.float64).tolist(),
        'margin': margin.astype(np.float64).tolist(),
    })

fixture = {
    'note': ('Made by packages/models/scripts/make_xgboost_shap_fixture.py with /usr/bin/python3 '
             f'(xgboost {xgb.__version__}, numpy {np.__version__}); see the README beside this file. '
             'Rows use null for a missing value.'),
    'width': WIDTH,
    'rows': [[None if np.isnan(v) else float(v) for v in row] for row in explained],
    'models': models,
}
tmp = OUT + '.tmp'
with open(tmp, 'w') as f:
    json.dump(fixture, f, separators=(',', ':'))
    f.write('\n')
os.replace(tmp, OUT)
print(f'wrote {os.path.normpath(OUT)}: {len(models)} models, {len(explained)} rows', file=sys.stderr)
