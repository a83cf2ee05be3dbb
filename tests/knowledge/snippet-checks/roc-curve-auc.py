y01, score = np.array([0, 0, 1, 1, 0, 1]), np.array([0.1, 0.4, 0.35, 0.8, 0.2, 0.9])
expected = 8 / 9  # 8 of the 9 (positive, negative) pairs are ordered right
assert np.isclose(auc(y01, score), expected)
assert np.isclose(auc(np.where(y01 == 1, 1, -1), score), expected)  # ±1 labels
assert np.isclose(auc(np.where(y01 == 1, "spam", "ham"), score, pos_label="spam"), expected)
assert np.isclose(auc(np.array([0, 1]), np.array([0.5, 0.5])), 0.5)  # a tie counts half
try:
    auc(np.ones(4), np.arange(4.0))
    raise AssertionError("one class must raise")
except ValueError:
    pass
