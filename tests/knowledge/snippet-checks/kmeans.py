rng = np.random.default_rng(1)
X = np.concatenate([rng.normal(0, 0.3, (30, 2)), rng.normal(5, 0.3, (30, 2))])
labels, C = kmeans(X, 2)
assert len(set(labels[:30])) == 1 and len(set(labels[30:])) == 1 and labels[0] != labels[30]
# Even when the loop stops early on `iters`, the labels belong to the returned centres.
X = rng.normal(size=(200, 2))
for iters in (1, 2, 3):
    labels, C = kmeans(X, 5, iters=iters)
    assert (((X[:, None, :] - C[None]) ** 2).sum(-1).argmin(1) == labels).all(), f"stale labels at iters={iters}"
