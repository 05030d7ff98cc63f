package events

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/match"
	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// label is what a lexicon row signals: one of ACLED's sub-event types (the
// first values, in codebook order) or a cue class the decision rules read.
type label uint8

// Sub-event types, in the codebook's order within each event type.
const (
	subGovRegains label = iota
	subNonStateOvertakes
	subArmedClash
	subExcessiveForce
	subIntervention
	subPeaceful
	subViolentDemo
	subMob
	subChemical
	subAirStrike
	subSuicide
	subShelling
	subRemote
	subGrenade
	subSexual
	subAttack
	subAbduction
	subAgreement
	subArrests
	subChange
	subDisrupted
	subBase
	subLooting
	subTransfer
	subOther
	numSub
)

// Cue classes: the trigger matcher's (cue*), the participant matcher's
// (role*) and the context matcher's (obj*, mod*).
const (
	cueProtest label = iota + 32
	cueIntervention
	cueRiot
	cueMob
	cueFight
	cueAttack
	cueKill
	cueInjure
	cueToll
	cueSmallArms
	cueTerritory
	cueDisplace
	cueNone

	roleCivilian
	roleArmed
	roleGang
	roleState
	roleCrowd
	roleProtester
	roleCivTarget
	roleArmedTarget

	objWeapon
	objGoods
	objPlace

	modNeg
	modDeny
	modPrevent
	modHyp
	modRep
	modVeto
	modNear
	modApprox
	modZero
)

// subEvents names each sub-event type and its event type, exactly as ACLED
// writes them.
var subEvents = [numSub]struct{ typ, sub string }{
	subGovRegains:        {"Battles", "Government regains territory"},
	subNonStateOvertakes: {"Battles", "Non-state actor overtakes territory"},
	subArmedClash:        {"Battles", "Armed clash"},
	subExcessiveForce:    {"Protests", "Excessive force against protesters"},
	subIntervention:      {"Protests", "Protest with intervention"},
	subPeaceful:          {"Protests", "Peaceful protest"},
	subViolentDemo:       {"Riots", "Violent demonstration"},
	subMob:               {"Riots", "Mob violence"},
	subChemical:          {"Explosions/Remote violence", "Chemical weapon"},
	subAirStrike:         {"Explosions/Remote violence", "Air/drone strike"},
	subSuicide:           {"Explosions/Remote violence", "Suicide bomb"},
	subShelling:          {"Explosions/Remote violence", "Shelling/artillery/missile attack"},
	subRemote:            {"Explosions/Remote violence", "Remote explosive/landmine/IED"},
	subGrenade:           {"Explosions/Remote violence", "Grenade"},
	subSexual:            {"Violence against civilians", "Sexual violence"},
	subAttack:            {"Violence against civilians", "Attack"},
	subAbduction:         {"Violence against civilians", "Abduction/forced disappearance"},
	subAgreement:         {"Strategic developments", "Agreement"},
	subArrests:           {"Strategic developments", "Arrests"},
	subChange:            {"Strategic developments", "Change to group/activity"},
	subDisrupted:         {"Strategic developments", "Disrupted weapons use"},
	subBase:              {"Strategic developments", "Headquarters or base established"},
	subLooting:           {"Strategic developments", "Looting/property destruction"},
	subTransfer:          {"Strategic developments", "Non-violent transfer of territory"},
	subOther:             {"Strategic developments", "Other"},
}

var cueNames = map[string]label{
	"cue:protest": cueProtest, "cue:intervention": cueIntervention, "cue:riot": cueRiot,
	"cue:mob": cueMob, "cue:fight": cueFight, "cue:attack": cueAttack, "cue:kill": cueKill,
	"cue:injure": cueInjure, "cue:toll": cueToll, "cue:smallarms": cueSmallArms,
	"cue:territory": cueTerritory, "cue:displace": cueDisplace, "cue:none": cueNone,
	"role:civilian": roleCivilian, "role:armed": roleArmed, "role:gang": roleGang,
	"role:state": roleState, "role:crowd": roleCrowd, "role:protester": roleProtester,
	"role:civtarget": roleCivTarget, "role:armedtarget": roleArmedTarget,
	"obj:weapon": objWeapon, "obj:goods": objGoods, "obj:place": objPlace,
	"mod:neg": modNeg, "mod:deny": modDeny, "mod:prevent": modPrevent, "mod:hyp": modHyp, "mod:rep": modRep,
	"mod:veto": modVeto, "mod:near": modNear, "mod:approx": modApprox, "mod:zero": modZero,
}

func (l label) isSub() bool  { return l < numSub }
func (l label) isRole() bool { return l >= roleCivilian && l <= roleArmedTarget }
func (l label) isContext() bool {
	return l >= objWeapon
}

// condKind is a kind of row condition.
type condKind uint8

const (
	condProtest condKind = iota // the context has a demonstration cue
	condWith                    // the sentence has a participant of a class
	condObj                     // an obj: cue follows within six words
	condNear                    // an obj: cue is within six words either side
	condLower                   // the phrase is written in lower case
)

// with classes for condWith.
const (
	withState uint8 = iota
	withArmed
	withNonState
	withMonitor
	withActor
)

type cond struct {
	kind condKind
	arg  uint8 // with class or obj label
	neg  bool
}

// rule is one row of the lexicon.
type rule struct {
	label  label
	conds  []cond
	weight float64
	source string
}

// lexicon holds the parsed rows and one matcher per kind of row: triggers
// and cues, participant nouns, and context (objects and modality), so that
// a phrase of one kind never hides a phrase of another.
type lexicon struct {
	rules    []rule
	triggers *match.Matcher
	roles    *match.Matcher
	context  *match.Matcher
}

// parseLexicon reads a lexicon in the format of data/triggers.tsv.
func parseLexicon(tsv string) (*lexicon, error) {
	lx := &lexicon{}
	bt, br, bc := match.NewBuilder(), match.NewBuilder(), match.NewBuilder()
	sc := bufio.NewScanner(strings.NewReader(tsv))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	subs := make(map[string]label, numSub)
	for i, s := range subEvents {
		subs[s.sub] = label(i)
	}
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 5 {
			return nil, fmt.Errorf("events: triggers line %d: %d columns, want 5 (phrases, label, conditions, weight, source)", n, len(cols))
		}
		r, err := parseRule(cols, subs)
		if err != nil {
			return nil, fmt.Errorf("events: triggers line %d: %w", n, err)
		}
		id := int32(len(lx.rules))
		lx.rules = append(lx.rules, r)
		b := bt
		switch {
		case r.label.isRole():
			b = br
		case r.label.isContext():
			b = bc
		}
		added := 0
		for _, p := range strings.Split(cols[0], "|") {
			key := text.Fold(p)
			if key == "" {
				continue
			}
			b.Add(key, id)
			added++
		}
		if added == 0 {
			return nil, fmt.Errorf("events: triggers line %d: no phrases", n)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("events: read triggers: %w", err)
	}
	lx.triggers, lx.roles, lx.context = bt.Build(), br.Build(), bc.Build()
	return lx, nil
}

func parseRule(cols []string, subs map[string]label) (rule, error) {
	name := strings.TrimSpace(cols[1])
	l, ok := subs[name]
	if !ok {
		if l, ok = cueNames[name]; !ok {
			return rule{}, fmt.Errorf("unknown label %q", name)
		}
	}
	w, err := strconv.ParseFloat(strings.TrimSpace(cols[3]), 64)
	if err != nil || w < 0 {
		return rule{}, fmt.Errorf("weight %q: want a non-negative number", cols[3])
	}
	r := rule{label: l, weight: w, source: strings.TrimSpace(cols[4])}
	for _, f := range strings.Fields(cols[2]) {
		if f == "-" {
			continue
		}
		c, err := parseCond(f)
		if err != nil {
			return rule{}, err
		}
		r.conds = append(r.conds, c)
	}
	return r, nil
}

func parseCond(f string) (cond, error) {
	c := cond{}
	if strings.HasPrefix(f, "!") {
		c.neg, f = true, f[1:]
	}
	kind, arg, _ := strings.Cut(f, ":")
	switch kind {
	case "protest":
		c.kind = condProtest
	case "lower":
		c.kind = condLower
	case "with":
		c.kind = condWith
		switch arg {
		case "state":
			c.arg = withState
		case "armed":
			c.arg = withArmed
		case "nonstate":
			c.arg = withNonState
		case "monitor":
			c.arg = withMonitor
		case "actor":
			c.arg = withActor
		default:
			return c, fmt.Errorf("condition %q: unknown participant class", f)
		}
	case "obj", "near":
		c.kind = condObj
		if kind == "near" {
			c.kind = condNear
		}
		l, ok := cueNames["obj:"+arg]
		if !ok {
			return c, fmt.Errorf("condition %q: unknown object class", f)
		}
		c.arg = uint8(l)
	default:
		return c, fmt.Errorf("unknown condition %q", f)
	}
	if (c.kind == condProtest || c.kind == condLower) && arg != "" {
		return c, fmt.Errorf("condition %q takes no argument", f)
	}
	return c, nil
}
