rng = np.random.default_rng(0)
x, w, b = rng.normal(size=(2, 3, 7, 6)), rng.normal(size=(4, 3, 3, 3)), rng.normal(size=4)
out = conv2d(x, w, b, stride=2, pad=1)
assert out.shape == (2, 4, 4, 3)
xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
ref = sum(xp[:, None, c, i:i + 7:2, j:j + 6:2] * w[None, :, c, i, j, None, None]
          for c in range(3) for i in range(3) for j in range(3)) + b[None, :, None, None]
assert np.allclose(out, ref)
