package alerts_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/alerts"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// story stores a story with one article seen at each of times.
func story(t *testing.T, e *env, id string, times []time.Time) {
	t.Helper()
	var arts []*sitrep.Article
	var links []sitrep.ArticleLink
	for i, at := range times {
		a := report(fmt.Sprintf("%s-%d", id, i), at, fmt.Sprintf("Update %d on %s.", i, id))
		arts = append(arts, a)
		links = append(links, sitrep.ArticleLink{ArticleID: a.ID, StoryID: id, Role: sitrep.RoleOriginal, Seen: at})
	}
	e.put(t, arts...)
	st := &sitrep.Story{ID: id, Title: id, FirstSeen: times[0], LastSeen: times[len(times)-1], ArticleCount: len(times)}
	if err := e.db.PutStories(context.Background(), sitrep.StoryUpdate{Links: links, Stories: []*sitrep.Story{st}}); err != nil {
		t.Fatal(err)
	}
}

// every returns n times, step apart, the last at end.
func every(end time.Time, step time.Duration, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = end.Add(-time.Duration(n-1-i) * step)
	}
	return out
}

func TestBreaking(t *testing.T) {
	e := newEnv(t)
	now := t0
	// A synthetic article rate per story, over the day to now.
	story(t, e, "surge", append(every(now.Add(-90*time.Minute), time.Hour, 23), every(now, 10*time.Minute, 5)...)) // 1/h, then 5 in the hour
	story(t, e, "busy", every(now, 15*time.Minute, 96))                                                            // 4/h all day: 4 in the hour, not 3x
	story(t, e, "trickle", every(now, 30*time.Minute, 2))                                                          // 2 in the hour: below the minimum
	story(t, e, "new", every(now, 5*time.Minute, 3))                                                               // 3 in the hour, nothing before
	story(t, e, "stale", every(now.Add(-3*time.Hour), time.Minute, 20))                                            // a burst, hours ago

	got, err := e.svc.Detector.Detect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ids := func(bs []sitrep.BreakingStory) []string {
		out := []string{}
		for _, b := range bs {
			out = append(out, b.StoryID)
		}
		return out
	}
	if want := []string{"new", "surge"}; !reflect.DeepEqual(ids(got), want) {
		t.Fatalf("breaking %v, want %v", ids(got), want)
	}
	for _, b := range got {
		if b.StoryID == "surge" && (b.Recent != 5 || b.BaselineRate < 0.9 || b.BaselineRate > 1.1) {
			t.Errorf("surge: %d recent, baseline %.2f per hour; want 5 and about 1", b.Recent, b.BaselineRate)
		}
	}
	marked, err := e.svc.Breaking(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := marked["surge"]; !ok || len(marked) != 2 {
		t.Errorf("stored breaking set %v, want new and surge", marked)
	}

	// Two hours on, with no new articles, nothing is breaking.
	e.clock.Add(2 * time.Hour)
	if got, err = e.svc.Detector.Detect(context.Background()); err != nil || len(got) != 0 {
		t.Errorf("two hours later: breaking %v (%v), want none", ids(got), err)
	}
	if marked, _ = e.svc.Breaking(context.Background()); len(marked) != 0 {
		t.Errorf("stored breaking set %v after the surge, want empty", marked)
	}

	// A stricter policy: a factor of 10 and at least 6 articles.
	strict := &alerts.Detector{Store: e.db, Now: func() time.Time { return now },
		BreakingPolicy: alerts.BreakingPolicy{Factor: 10, MinCount: 6}}
	if got, err = strict.Detect(context.Background()); err != nil || len(got) != 0 {
		t.Errorf("strict policy: breaking %v (%v), want none", ids(got), err)
	}
}
