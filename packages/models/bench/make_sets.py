"""Continuous-feature sets @mlops/models did not make, for `pnpm bench:models`.

    /usr/bin/python3 make_sets.py <out dir>

Writes <out dir>/<name>/{raw_train_x,raw_test_x,train_y,test_y}.csv for scikit-learn's
make_friedman1 (regression) and make_classification (binary, 10 % positives), seed 0,
and prints one JSON line describing them. Both libraries then read the same rows.
"""
import json
import os
import sys

import numpy as np
from sklearn.datasets import make_classification, make_friedman1

out = sys.argv[1]
sets = {
    # 25,000 rows: 20,000 to fit, 5,000 held out.
    'friedman1': ('regression', make_friedman1(n_samples=25_000, n_features=10, noise=1.0, random_state=0), 20_000),
    # 50,000 rows: 40,000 to fit, 10,000 held out.
    'classification': ('binary', make_classification(n_samples=50_000, n_features=20, n_informative=10,
                                                     n_redundant=4, weights=[0.9], flip_y=0.02,
                                                     random_state=0), 40_000),
}
described = {}
for name, (task, (x, y), train) in sets.items():
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    fmt = '%.17g'
    np.savetxt(os.path.join(folder, 'raw_train_x.csv'), x[:train], delimiter=',', fmt=fmt)
    np.savetxt(os.path.join(folder, 'raw_test_x.csv'), x[train:], delimiter=',', fmt=fmt)
    np.savetxt(os.path.join(folder, 'train_y.csv'), y[:train], fmt=fmt if task == 'regression' else '%d')
    np.savetxt(os.path.join(folder, 'test_y.csv'), y[train:], fmt=fmt if task == 'regression' else '%d')
    described[name] = {'task': task, 'train': train, 'test': len(y) - train, 'width': x.shape[1]}
print(json.dumps(described))
