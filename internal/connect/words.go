package connect

import (
	"slices"
	"strings"
)

// stopwords are frequent words that say nothing about a situation: function
// words and the reporting verbs every article uses.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		about above after again against also although among another around away
		back because been before being below between both came come could days
		does doing done down during each early either even ever every first from
		further have having here into just last late later least less like made
		make many more most much must near next night only other over part people
		said says since some still such than that their them then there these
		they this those though three through today told under until upon very
		want week weeks were what when where which while whom whose will with
		within without would year years yesterday your monday tuesday wednesday
		thursday friday saturday sunday morning evening according added adding
		reported reports statement spokesman spokeswoman official officials
		including although however dozens several`) {
		m[w] = true
	}
	return m
}()

func sortFeats(fs []feat) {
	slices.SortFunc(fs, func(a, b feat) int { return strings.Compare(a.Key, b.Key) })
}
