rng = np.random.default_rng(0)
boxes = np.concatenate([rng.uniform(8, 12, (40, 2)), rng.uniform(90, 110, (40, 2)), rng.uniform(45, 55, (40, 2))])
anchors = kmeans_anchors(boxes, k=3)
assert anchors.shape == (3, 2)
assert (np.diff(anchors.prod(1)) > 0).all()  # sorted by area
assert abs(anchors[0].mean() - 10) < 2 and abs(anchors[1].mean() - 50) < 5 and abs(anchors[2].mean() - 100) < 10
