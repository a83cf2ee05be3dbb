assert np.isclose(average_precision([0.9, 0.8], [1, 1], 2), 1.0)
assert np.isclose(average_precision([0.9, 0.8], [0, 1], 1), 0.5)
assert np.isclose(average_precision([0.9], [1], 2), 0.5)
assert average_precision([], [], 3) == 0.0
