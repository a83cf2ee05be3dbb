boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]], dtype=float)
scores = np.array([0.9, 0.8, 0.7])
assert [int(i) for i in nms(boxes, scores, 0.5)] == [0, 2]
ov = iou(boxes[0], boxes[1])[0]  # 81 / 119
assert np.isclose(ov, 81 / 119)
keep, s = soft_nms(boxes, scores, method='linear', thr=0.3)
assert [int(i) for i in keep] == [0, 2, 1] and np.isclose(s[2], 0.8 * (1 - ov))
keep, s = soft_nms(boxes, scores, method='gauss', sigma=0.5)
assert np.isclose(s[list(keep).index(1)], 0.8 * np.exp(-ov ** 2 / 0.5))
p, g = np.array([[0, 0, 2, 2.0]]), np.array([[3, 3, 5, 5.0]])  # disjoint: IoU 0
assert np.isclose(giou_diou_loss(p, g, 'giou')[0], 1 + (25 - 8) / 25)
assert np.isclose(giou_diou_loss(p, g, 'diou')[0], 1 + 18 / 50)
same = giou_diou_loss(p, p, 'giou')
assert np.isclose(same[0], 0, atol=1e-6)
