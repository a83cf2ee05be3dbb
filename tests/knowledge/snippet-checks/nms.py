boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [0, 0, 10, 9]], dtype=float)
scores = np.array([0.9, 0.8, 0.7, 0.95])
assert [int(i) for i in nms(boxes, scores, 0.5)] == [3, 2]
assert [int(i) for i in nms(boxes, scores, 0.95)] == [3, 0, 1, 2]
assert nms(np.zeros((0, 4)), np.zeros(0)) == []
