package events

import (
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/data"
	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// TestLexiconCoverage: the built-in lexicon has a row for every sub-event
// type, cites a source on every row, and gives no participant noun two
// classes (the coder reads only a noun's first).
func TestLexiconCoverage(t *testing.T) {
	c, _ := load(t)
	seen := map[label]bool{}
	for i, r := range c.lex.rules {
		seen[r.label] = true
		if r.source == "" {
			t.Errorf("rule %d (%s): no source", i, labelName(r.label))
		}
	}
	// Sub-events the decision rules derive from a cue class.
	derived := map[label]label{
		subGovRegains: cueTerritory, subNonStateOvertakes: cueTerritory, subArmedClash: cueFight,
		subExcessiveForce: cueKill, subIntervention: cueIntervention, subPeaceful: cueProtest,
		subViolentDemo: cueRiot, subMob: cueMob, subAttack: cueAttack,
	}
	for l := label(0); l < numSub; l++ {
		if cue, ok := derived[l]; ok && !seen[cue] {
			t.Errorf("no %s row, from which %q is decided", labelName(cue), subEvents[l].sub)
		}
		if _, ok := derived[l]; !ok && !seen[l] {
			t.Errorf("no trigger row for %q", subEvents[l].sub)
		}
	}
	roleOf := map[string]label{}
	for _, line := range strings.Split(data.TriggersTSV, "\n") {
		cols := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(cols) != 5 || !strings.HasPrefix(cols[1], "role:") {
			continue
		}
		l := cueNames[cols[1]]
		for _, p := range strings.Split(cols[0], "|") {
			k := text.Fold(p)
			if prev, ok := roleOf[k]; ok && prev != l {
				t.Errorf("participant noun %q has two classes", p)
			}
			roleOf[k] = l
		}
	}
}

func labelName(l label) string {
	if l < numSub {
		return subEvents[l].sub
	}
	for name, v := range cueNames {
		if v == l {
			return name
		}
	}
	return "?"
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, tsv, want string }{
		{"columns", "shelled\tShelling/artillery/missile attack\t-\t4\n", "4 columns, want 5"},
		{"label", "shelled\tBombardment\t-\t4\tsrc\n", `unknown label "Bombardment"`},
		{"weight", "shelled\tShelling/artillery/missile attack\t-\theavy\tsrc\n", `weight "heavy"`},
		{"condition", "shelled\tShelling/artillery/missile attack\tsoon\t4\tsrc\n", `unknown condition "soon"`},
		{"participant class", "shelled\tShelling/artillery/missile attack\twith:aliens\t4\tsrc\n", "unknown participant class"},
		{"object class", "shelled\tShelling/artillery/missile attack\tobj:cars\t4\tsrc\n", "unknown object class"},
		{"no phrases", "|\tShelling/artillery/missile attack\t-\t4\tsrc\n", "no phrases"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.tsv)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse() error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestParseMinimal(t *testing.T) {
	c, err := Parse("# one row\nshelled|shelling\tShelling/artillery/missile attack\t-\t4\tCodebook: Shelling\n")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	in := input(t, "Rebels shelled Darnel overnight.", town("Darnel", "SY"))
	es := c.Find(in)
	if len(es) != 1 || es[0].SubType != "Shelling/artillery/missile attack" {
		t.Fatalf("Find with a one-row lexicon = %+v, want one shelling event", es)
	}
}
