package correct_test

import (
	"fmt"
	"testing"

	"github.com/sitrep-project/sitrep/internal/correct"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// BenchmarkApply corrects a long report's analysis (200 places, 100
// actors, 40 events) with 20 corrections, as every view of a corrected
// article and every re-index of one does.
func BenchmarkApply(b *testing.B) {
	a := &sitrep.Analysis{Countries: analysis().Countries, Topics: analysis().Topics}
	for i := range 200 {
		a.Places = append(a.Places, sitrep.PlaceMention{Span: sitrep.Span{Start: i * 50, End: i*50 + 6}, Name: fmt.Sprint("P", i), Lat: 1, Lon: 2})
	}
	for i := range 100 {
		a.Actors = append(a.Actors, sitrep.ActorMention{Span: sitrep.Span{Start: i*100 + 10, End: i*100 + 20}, Name: fmt.Sprint("A", i)})
	}
	for i := range 40 {
		a.Events = append(a.Events, sitrep.Event{Type: "Battles", SubType: "Armed clash", Trigger: "clash", Start: i * 250, End: i*250 + 200,
			Place: &sitrep.EventPlace{Name: "X"}, Fatalities: ptr(i)})
	}
	var cs []sitrep.Correction
	for i := range 10 {
		cs = append(cs, corr(sitrep.TargetEvent, sitrep.ActionEdit, correct.EventKey(a.Events[i*4]), `{"fatalities":3,"place":{"name":"Y"}}`))
		cs = append(cs, corr(sitrep.TargetPlace, sitrep.ActionReject, correct.SpanKey(a.Places[i*20].Span), ""))
	}
	cs = stamp(cs...)
	b.ReportAllocs()
	for b.Loop() {
		if res := correct.Apply(a, cs); len(res.Orphans) != 0 {
			b.Fatal(res.Orphans)
		}
	}
}
