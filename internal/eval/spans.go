package eval

// matchSpans pairs predictions with gold items by span overlap, the rule
// every span-scored task uses: a prediction counts when it overlaps some
// gold span, and a gold item is found when a prediction overlaps it, judged
// on the prediction that overlaps it most. best[i] is that prediction's
// index for gold item i, or -1 when none overlaps.
func matchSpans(nGold, nPred int, goldSpan, predSpan func(i int) (start, end int)) (predMatched int, best []int) {
	for j := range nPred {
		ps, pe := predSpan(j)
		for i := range nGold {
			if gs, ge := goldSpan(i); spanOverlap(ps, pe, gs, ge) > 0 {
				predMatched++
				break
			}
		}
	}
	best = make([]int, nGold)
	for i := range nGold {
		gs, ge := goldSpan(i)
		best[i] = -1
		bestLen := 0
		for j := range nPred {
			ps, pe := predSpan(j)
			if n := spanOverlap(ps, pe, gs, ge); n > bestLen {
				best[i], bestLen = j, n
			}
		}
	}
	return predMatched, best
}

// spanOverlap is the length of the intersection of [a0,a1) and [b0,b1).
func spanOverlap(a0, a1, b0, b1 int) int {
	lo, hi := max(a0, b0), min(a1, b1)
	if hi <= lo {
		return 0
	}
	return hi - lo
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
