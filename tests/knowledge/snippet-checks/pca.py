rng = np.random.default_rng(0)
X = rng.normal(size=(200, 3)) @ np.diag([5.0, 1.0, 0.1])
Z, ratio = pca(X, 2)
assert Z.shape == (200, 2) and np.isclose(Z.mean(0), 0).all()
assert ratio[0] > 0.9 and ratio[0] >= ratio[1]
assert abs(np.corrcoef(Z[:, 0], X[:, 0])[0, 1]) > 0.99
