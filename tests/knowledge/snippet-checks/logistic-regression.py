rng = np.random.default_rng(0)
X = np.concatenate([rng.normal(-2, 1, (50, 2)), rng.normal(2, 1, (50, 2))])
y = np.concatenate([np.zeros(50), np.ones(50)])
w, b = train_lr(X, y)
assert ((X @ w + b > 0) == y).mean() > 0.95
