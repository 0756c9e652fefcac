"""Known answers for StatisticsTests: the report's slope test and equivalence test, from SciPy.

Regenerate from the repository root (the numbers in the Swift test came from SciPy 1.17.1 and
numpy 2.4.6):

    python3 Tests/CoordinatorTests/Fixtures/statistics_fixtures.py

and replace the literals in `SlopeAndMatchKnownAnswerTests` (StatisticsTests.swift) with the
printed ones.

Slope test (WidthSlope): per seed, the least-squares slope of the value against log2(width)
(scipy.stats.linregress); then a one-sample t test of the slopes against 0
(scipy.stats.ttest_1samp, two-sided) and the 95% t interval of their mean (scipy.stats.t.ppf).

Equivalence test (SourceMatch): the fitted change over the widths is the mean slope times
log2(widest / narrowest). Two one-sided t tests against -margin and +margin with the slopes'
standard error times that span, each at 2.5%; the TOST p-value is the larger one-sided p.
"""
import numpy as np
import scipy
from scipy import stats

widths = np.array([16, 32, 64, 128, 256, 512, 1024])
x = np.log2(widths)

# Three seeds of a transfer accuracy that rises about 2 points per doubling, with noise, and one
# seed missing width 1024 (its slope is fitted over the widths it has).
values = {
    0: [0.612, 0.641, 0.650, 0.688, 0.702, 0.731, 0.744],
    1: [0.598, 0.622, 0.659, 0.671, 0.695, 0.719, 0.752],
    2: [0.630, 0.633, 0.668, 0.683, 0.720, 0.728],
}
slopes = []
for seed, ys in values.items():
    fit = stats.linregress(x[: len(ys)], ys)
    slopes.append(fit.slope)
slopes = np.array(slopes)
n = len(slopes)
mean = slopes.mean()
se = slopes.std(ddof=1) / np.sqrt(n)
q = stats.t.ppf(0.975, n - 1)
test = stats.ttest_1samp(slopes, 0.0)
print(f"// scipy {scipy.__version__}, numpy {np.__version__}")
print("slopes", [repr(float(s)) for s in slopes])
print(f"static let mean = {float(mean)!r}, low = {float(mean - q * se)!r}, high = {float(mean + q * se)!r}, p = {float(test.pvalue)!r}")

# Source accuracies of 4 seeds at 7 widths: flat within noise (a match at margin 0.005), and the
# same plus 0.1 point per doubling (a change of 0.6 points over 6 doublings).
source = np.array([
    [0.8812, 0.8820, 0.8809, 0.8825, 0.8815, 0.8822, 0.8818],
    [0.8801, 0.8815, 0.8819, 0.8810, 0.8824, 0.8812, 0.8820],
    [0.8830, 0.8818, 0.8826, 0.8821, 0.8816, 0.8829, 0.8823],
    [0.8808, 0.8811, 0.8803, 0.8819, 0.8812, 0.8807, 0.8815],
])
margin = 0.005
span = x[-1] - x[0]
for name, data in [("flat", source), ("rising", source + 0.001 * (x - x[0]))]:
    s = np.array([stats.linregress(x, row).slope for row in data])
    k = len(s)
    change = s.mean() * span
    se_change = s.std(ddof=1) / np.sqrt(k) * span
    q = stats.t.ppf(0.975, k - 1)
    p_lower = stats.t.sf((change + margin) / se_change, k - 1)
    p_upper = stats.t.cdf((change - margin) / se_change, k - 1)
    print(f"{name}: change = {float(change)!r}, low = {float(change - q * se_change)!r}, high = {float(change + q * se_change)!r}, "
          f"p = {float(max(p_lower, p_upper))!r}")

print("two-sided p of t = 2.5, df 4:", repr(float(2 * stats.t.sf(2.5, 4))), "; t = -1, df 2:", repr(float(2 * stats.t.sf(1.0, 2))))
